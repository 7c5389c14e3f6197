/// How nginx escaped the variable values of a log (`log_format … escape=…`).
package enum EscapeMode: String, Sendable {
    /// `\xHH` for `"`, `\` and bytes outside printable ASCII.
    case `default`
    /// JSON string escapes (`\"`, `\\`, `\n`, `\u00XX`).
    case json
    /// Nothing escaped.
    case none
}
