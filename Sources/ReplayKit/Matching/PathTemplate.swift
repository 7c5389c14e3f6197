import Foundation

/// A rule's path template, matched segment by segment against the path before `?`:
/// `{name}` captures one segment, `*` matches one segment, `**` any rest (also none).
public struct PathTemplate: Equatable, Sendable {
    public enum Segment: Equatable, Sendable {
        case literal([UInt8])
        case capture(String)
        case any
        case rest
    }

    public var source: String
    public var segments: [Segment]

    public init(_ source: String) throws {
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
    public var captureNames: [String] {
        segments.compactMap { if case .capture(let name) = $0 { return name } else { return nil } }
    }

    /// Matches `path` (a span of `line`); on a match, sets `captures[i]` for the template's
    /// i-th capture name's slot as given by `slots`.
    @inline(__always)
    public func match(_ path: FieldSpan, in line: UnsafeRawBufferPointer, slots: [Int], captures: inout [FieldSpan]) -> Bool {
        let end = path.end
        guard path.count > 0, line[path.start] == 0x2F else { return false }
        var pos = path.start + 1
        var captureIndex = 0
        let last = segments.count - 1
        for (i, segment) in segments.enumerated() {
            if case .rest = segment { return true }
            var segEnd = pos
            while segEnd < end && line[segEnd] != 0x2F { segEnd += 1 }
            switch segment {
            case .literal(let bytes):
                guard segEnd - pos == bytes.count else { return false }
                var k = 0
                while k < bytes.count { if line[pos + k] != bytes[k] { return false }; k += 1 }
            case .capture:
                guard segEnd > pos else { return false }
                captures[slots[captureIndex]] = FieldSpan(start: pos, count: segEnd - pos)
                captureIndex += 1
            case .any:
                guard segEnd > pos else { return false }
            case .rest:
                return true
            }
            if i == last {
                return segEnd == end
            }
            guard segEnd < end else {
                // The path ended; only a following `**` may match nothing.
                return i + 1 == last && segments[last] == .rest
            }
            pos = segEnd + 1
        }
        return pos >= end
    }
}
