/// An nginx `log_format` value compiled once: the literal text before the first variable, then
/// each variable with the literal text that follows it.
package struct LogPattern: Sendable {
    package struct Field: Sendable, Equatable {
        /// The variable's name without `$`.
        package var name: String
        /// The literal text after it (empty only for a variable that ends the line).
        package var following: [UInt8]
        /// Whether the pattern puts it between quotes: then it ends at the first unescaped `"`.
        package var quoted: Bool
    }

    package struct CompileError: Error, CustomStringConvertible, Equatable {
        package var message: String
        package var description: String { message }
    }

    /// nginx's predefined `combined` format.
    package static let combined = #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent""#
    /// The `main` format of nginx's default configuration.
    package static let main = #"$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" "$http_x_forwarded_for""#

    package var source: String
    package var escape: EscapeMode
    package var prefix: [UInt8]
    package var fields: [Field]

    /// Compiles `pattern` (or the names `combined` and `main`).
    package init(_ pattern: String, escape: EscapeMode = .default) throws {
        let text: String
        switch pattern {
        case "combined": text = LogPattern.combined
        case "main": text = LogPattern.main
        default: text = pattern
        }
        source = text
        self.escape = escape
        let bytes = Array(text.utf8)
        var literal: [UInt8] = []
        var prefix: [UInt8]? = nil
        var fields: [Field] = []
        var pendingName: String? = nil
        var i = 0
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
        }
        func closeVariable(_ name: String) throws {
            if let previous = pendingName {
                guard !literal.isEmpty else {
                    throw CompileError(message: "log pattern: $\(previous) and $\(name) have no text between them, so a line cannot be split")
                }
                fields.append(Field(name: previous, following: literal, quoted: false))
            } else {
                prefix = literal
            }
            literal = []
            pendingName = name
        }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x24 /* $ */ {
                var j = i + 1
                var name: String
                if j < bytes.count && bytes[j] == 0x7B /* { */ {
                    j += 1
                    let start = j
                    while j < bytes.count && isNameByte(bytes[j]) { j += 1 }
                    guard j < bytes.count, bytes[j] == 0x7D, j > start else {
                        throw CompileError(message: "log pattern: unclosed or empty ${…} at character \(i + 1)")
                    }
                    name = String(decoding: bytes[start..<j], as: UTF8.self)
                    j += 1
                } else {
                    let start = j
                    while j < bytes.count && isNameByte(bytes[j]) { j += 1 }
                    guard j > start else {
                        throw CompileError(message: "log pattern: `$` without a variable name at character \(i + 1)")
                    }
                    name = String(decoding: bytes[start..<j], as: UTF8.self)
                }
                name = name.lowercased()
                try closeVariable(name)
                i = j
            } else {
                literal.append(b)
                i += 1
            }
        }
        guard let last = pendingName else {
            throw CompileError(message: "log pattern: it has no variables")
        }
        fields.append(Field(name: last, following: literal, quoted: false))
        self.prefix = prefix ?? []
        for k in fields.indices {
            let before = k == 0 ? self.prefix : fields[k - 1].following
            fields[k].quoted = before.last == 0x22 && fields[k].following.first == 0x22
        }
        self.fields = fields
    }

    /// The index of the field that logs variable `name`, if the pattern has it.
    package func index(of name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }
}
