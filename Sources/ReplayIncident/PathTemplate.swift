import Foundation
import ReplayParsing

/// A rule's path template, matched segment by segment against the path before `?`:
/// `{name}` captures one segment, `*` matches one segment, `**` any rest (also none).
package struct PathTemplate: Equatable, Sendable {
    package enum Segment: Equatable, Sendable {
        case literal([UInt8])
        case capture(String)
        case any
        case rest
    }

    package var source: String
    package var segments: [Segment]

    package init(_ source: String) throws {
        self.source = source
        guard source.hasPrefix("/") else { throw TemplateError(message: "path '\(source)' must start with /") }
        var segments: [Segment] = []
        let pieces = String(source.dropFirst()).components(separatedBy: "/")
        for (i, piece) in pieces.enumerated() {
            if piece == "**" {
                guard i == pieces.count - 1 else { throw TemplateError(message: "path '\(source)': ** must be the last segment") }
                segments.append(.rest)
            } else if piece == "*" {
                segments.append(.any)
            } else if piece.hasPrefix("{") && piece.hasSuffix("}") && piece.count > 2 {
                let name = String(piece.dropFirst().dropLast())
                guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                    throw TemplateError(message: "path '\(source)': bad capture name '\(name)'")
                }
                guard !segments.contains(.capture(name)) else { throw TemplateError(message: "path '\(source)': {\(name)} appears twice") }
                segments.append(.capture(name))
            } else if piece.contains("{") || piece.contains("}") || piece.contains("*") {
                throw TemplateError(message: "path '\(source)': a capture or wildcard must be a whole segment ('\(piece)')")
            } else {
                segments.append(.literal(Array(piece.utf8)))
            }
        }
        self.segments = segments
    }

    /// The names it captures, in order.
    package var captureNames: [String] {
        segments.compactMap { if case .capture(let name) = $0 { return name } else { return nil } }
    }
}
