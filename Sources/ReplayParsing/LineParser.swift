#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReplaySupport

/// Splits lines into the fields of a compiled log pattern, as spans into the line; copies
/// nothing. One parser per thread: it reuses its span storage from line to line.
/// Its buffers are managed by hand, safe because this object is their only owner: allocated
/// when it is made, freed in its `deinit`, never lent out beyond a call.
public final class LineParser {
    /// What ends a field: the literal text after it, found by its first byte (or, for a
    /// quoted field whose values nginx escapes, by the closing quote).
    private struct Field {
        var literal: UnsafeMutableRawBufferPointer
        var endsAtQuote: Bool
    }

    package let pattern: LogPattern
    /// The spans of the last line parsed, one per pattern field (`span(_:)`).
    @usableFromInline let spans: UnsafeMutableBufferPointer<ByteSpan>
    private let prefix: UnsafeMutableRawBufferPointer
    private let fields: UnsafeMutableBufferPointer<Field>
    private let names: [String]
    /// Why a line is rejected, made once: a rejected line allocates nothing.
    private let prefixReason: String
    private let afterQuoteReasons: [String]
    private let afterValueReasons: [String]
    /// Per field, the shape of its variable's values (`FieldShape`), and what breaking it means.
    private let shapes: UnsafeMutableBufferPointer<FieldShape>
    /// The fields whose shape is checked (all but those that may hold anything).
    private let checked: UnsafeMutableBufferPointer<Int>
    private let shapeReasons: [String]
    private let statusField: Int?
    /// `ByteClass.table`, kept at hand.
    private let classes = ByteClass.table
    private let jsonEscapes: Bool

    package init(pattern: LogPattern) {
        self.pattern = pattern
        spans = .allocate(capacity: pattern.fields.count)
        spans.initialize(repeating: .empty)
        func copy(_ bytes: [UInt8]) -> UnsafeMutableRawBufferPointer {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 1)
            bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
            // Safe because the buffer was allocated with at least `bytes.count` bytes.
            return UnsafeMutableRawBufferPointer(rebasing: buffer[0..<bytes.count])
        }
        prefix = copy(pattern.prefix)
        let trustsQuotes = pattern.escape != .none
        fields = .allocate(capacity: pattern.fields.count)
        _ = fields.initialize(from: pattern.fields.map { Field(literal: copy($0.following), endsAtQuote: $0.quoted && trustsQuotes) })
        names = pattern.fields.map { "$" + $0.name }
        prefixReason = "does not start with the pattern's text \(Self.show(prefix))"
        afterQuoteReasons = fields.map { "expected \(Self.show($0.literal)) after the closing quote" }
        afterValueReasons = fields.map { "expected \(Self.show($0.literal)) after the value" }
        jsonEscapes = pattern.escape == .json
        let fieldShapes = pattern.fields.map { FieldShape.of($0.name, quoted: $0.quoted, escape: pattern.escape) }
        shapes = .allocate(capacity: max(1, fieldShapes.count))
        _ = shapes.initialize(from: fieldShapes)
        shapeReasons = fieldShapes.map(\.expectation)
        let toCheck = fieldShapes.indices.filter { fieldShapes[$0] != .anything }
        let storage = UnsafeMutableBufferPointer<Int>.allocate(capacity: max(1, toCheck.count))
        _ = storage.initialize(from: toCheck)
        // Safe because the storage was allocated with at least `toCheck.count` elements.
        checked = UnsafeMutableBufferPointer(rebasing: storage[0..<toCheck.count])
        statusField = pattern.index(of: "status")
    }

    deinit {
        prefix.baseAddress.map { UnsafeMutableRawPointer($0).deallocate() }
        for field in fields { field.literal.baseAddress.map { UnsafeMutableRawPointer($0).deallocate() } }
        fields.deallocate()
        shapes.deallocate()
        UnsafeMutableRawPointer(checked.baseAddress!).deallocate()
        spans.deallocate()
    }

    /// Where field `k` of the last line parsed lies in it.
    @inlinable @inline(__always)
    public func span(_ k: Int) -> ByteSpan { spans[k] }

    /// Splits `line` into its fields' spans; nil when it fits the pattern, else where and why it does not.
    package func parse(_ line: UnsafeRawBufferPointer) -> LineRejection? {
        let length = line.count
        guard let base = line.baseAddress, length > 0 else {
            return LineRejection(field: "line", byte: 0, reason: "empty line")
        }
        if prefix.count > 0 {
            guard length >= prefix.count, Bytes.equal(base, prefix.baseAddress!, count: prefix.count) else {
                return LineRejection(field: "line", byte: 0, reason: prefixReason)
            }
        }
        var pos = prefix.count
        for k in 0..<fields.count {
            let field = fields[k]
            let literal = field.literal
            if literal.count == 0 {
                spans[k] = ByteSpan(start: pos, count: length - pos)
                pos = length
                continue
            }
            let end: Int
            if field.endsAtQuote {
                guard let quote = findQuote(base, from: pos, to: length) else {
                    return LineRejection(field: names[k], byte: pos, reason: "no closing quote")
                }
                guard quote + literal.count <= length, Bytes.equal(base + quote, literal.baseAddress!, count: literal.count) else {
                    return LineRejection(field: names[k], byte: quote, reason: afterQuoteReasons[k])
                }
                end = quote
            } else {
                guard let found = find(literal, in: base, from: pos, to: length) else {
                    return LineRejection(field: names[k], byte: pos, reason: afterValueReasons[k])
                }
                end = found
            }
            spans[k] = ByteSpan(start: pos, count: end - pos)
            pos = end + literal.count
        }
        if pos != length {
            return LineRejection(field: "line", byte: pos, reason: "unexpected text after the last field")
        }
        return checkShapes(line)
    }

    /// Whether every field has its variable's shape (after the split: `$request`'s shape
    /// depends on the line's status).
    @inline(__always)
    private func checkShapes(_ line: UnsafeRawBufferPointer) -> LineRejection? {
        var status = -1
        if let s = statusField {
            let span = spans[s]
            if span.count == 3 {
                status = (Int(line[span.start]) - 0x30) * 100 + (Int(line[span.start + 1]) - 0x30) * 10 + Int(line[span.start + 2]) - 0x30
            }
        }
        let base = line.baseAddress!
        for c in 0..<checked.count {
            let k = checked[c]
            let span = spans[k]
            if let bad = shapes[k].violation(base + span.start, count: span.count, status: status, classes: classes) {
                return LineRejection(field: names[k], byte: span.start + bad, reason: shapeReasons[k])
            }
        }
        return nil
    }

    @inline(__always)
    private func findQuote(_ base: UnsafeRawPointer, from start: Int, to end: Int) -> Int? {
        var p = start
        while p < end, let at = Bytes.find(0x22, in: base, from: p, to: end) {
            if !jsonEscapes { return at }
            var slashes = 0
            var q = at - 1
            while q >= start && base.load(fromByteOffset: q, as: UInt8.self) == 0x5C { slashes += 1; q -= 1 }
            if slashes % 2 == 0 { return at }
            p = at + 1
        }
        return nil
    }

    @inline(__always)
    private func find(_ literal: UnsafeMutableRawBufferPointer, in base: UnsafeRawPointer, from start: Int, to end: Int) -> Int? {
        let first = literal[0]
        let n = literal.count
        var p = start
        while p + n <= end, let at = Bytes.find(first, in: base, from: p, to: end) {
            if at + n > end { return nil }
            if n == 1 || Bytes.equal(base + at + 1, literal.baseAddress! + 1, count: n - 1) { return at }
            p = at + 1
        }
        return nil
    }

    private static func show(_ bytes: UnsafeMutableRawBufferPointer) -> String {
        "'" + String(decoding: UnsafeRawBufferPointer(bytes), as: UTF8.self) + "'"
    }
}
