/// A value built from variables and text, as nginx's `proxy_cache_key $host$request_uri`.
package struct ValueTemplate: Equatable, Sendable {
    package enum Part: Equatable, Sendable {
        case text([UInt8])
        case variable(String)
    }

    package var source: String
    package var parts: [Part]

    package init(_ source: String) throws {
        self.source = source
        var parts: [Part] = []
        var text: [UInt8] = []
        let bytes = Array(source.utf8)
        var i = 0
        func isName(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
        }
        while i < bytes.count {
            guard bytes[i] == 0x24 else { text.append(bytes[i]); i += 1; continue }
            var j = i + 1
            let braced = j < bytes.count && bytes[j] == 0x7B
            if braced { j += 1 }
            let start = j
            while j < bytes.count && isName(bytes[j]) { j += 1 }
            guard j > start else { throw TemplateError(message: "`$` without a variable name in '\(source)'") }
            let name = String(decoding: bytes[start..<j], as: UTF8.self).lowercased()
            if braced {
                guard j < bytes.count && bytes[j] == 0x7D else { throw TemplateError(message: "unclosed ${ in '\(source)'") }
                j += 1
            }
            if !text.isEmpty { parts.append(.text(text)); text = [] }
            parts.append(.variable(name))
            i = j
        }
        if !text.isEmpty { parts.append(.text(text)) }
        self.parts = parts
    }

    /// The variables it uses, in order.
    package var variables: [String] {
        parts.compactMap { if case .variable(let name) = $0 { return name } else { return nil } }
    }
}
