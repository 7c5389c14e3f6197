import ReplayParsing

/// Text with `{name}` references to a rule's path captures, e.g. `'{seller}'` or `'{asin}'`.
package struct CaptureTemplate: Equatable, Sendable {
    package enum Part: Equatable, Sendable {
        case text(String)
        case capture(String)
    }

    package var source: String
    package var parts: [Part]

    package init(_ source: String) throws {
        self.source = source
        var parts: [Part] = []
        var rest = Substring(source)
        while let open = rest.firstIndex(of: "{") {
            if open > rest.startIndex { parts.append(.text(String(rest[..<open]))) }
            guard let close = rest[open...].firstIndex(of: "}") else { throw TemplateError(message: "unclosed { in '\(source)'") }
            let name = String(rest[rest.index(after: open)..<close])
            guard !name.isEmpty else { throw TemplateError(message: "empty {} in '\(source)'") }
            parts.append(.capture(name))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { parts.append(.text(String(rest))) }
        guard parts.contains(where: { if case .capture = $0 { return true } else { return false } }) else {
            throw TemplateError(message: "'\(source)' refers to no {capture}")
        }
        self.parts = parts
    }

    package var captureNames: [String] {
        parts.compactMap { if case .capture(let name) = $0 { return name } else { return nil } }
    }
}
