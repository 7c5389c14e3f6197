/// A logged condition under which nginx declined to store a response it logged with a stored
/// status (`cache.not_stored`): a variable that is present (`$upstream_http_set_cookie`), or
/// one that holds any of some tokens (`$upstream_http_cache_control: [private, no-store]`).
package struct NotStoredCondition: Equatable, Sendable {
    /// The variable, without `$`.
    package var variable: String
    /// Lower-case tokens, any of which makes the condition hold; nil: it holds when the
    /// variable is present (neither `-` nor empty).
    package var tokens: [String]?

    package init(variable: String, tokens: [String]?) {
        self.variable = variable
        self.tokens = tokens
    }
}
