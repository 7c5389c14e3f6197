import ReplayIncident

/// The paths the logs have near a rule's templates, gathered while the rule has matched
/// nothing: each logged path is written as a template in which every segment that is not the
/// rule's own literal at that place reads `{…}`, so that no logged value is ever kept or
/// printed. A path is near when at least one of its segments is the rule's literal at the same
/// place (`/sellers/abc/profile` is near `/sellers/{seller}/profile/`, as
/// `/sellers/{…}/profile`). At most `limit` templates are kept; the rest are counted together.
package struct NearPaths: Sendable {
    static let limit = 64
    /// Segments of a logged path looked at, at the most.
    static let maxSegments = 32

    package struct Entry: Sendable, Equatable {
        package var count: Int
        /// Segments that are the rule's literal at their place.
        package var score: Int
        /// How many segments the path has more or fewer than the template.
        package var lengthDifference: Int
    }

    package private(set) var entries: [[UInt8]: Entry] = [:]
    package private(set) var others = 0

    package init() {}

    /// A rule's templates as their literal segments (nil where a template captures or matches
    /// anything): what a logged path is compared with.
    package static func shapes(of rule: Rule) -> [[[UInt8]?]] {
        rule.paths.map { template in
            template.segments.map { if case .literal(let bytes) = $0 { return bytes } else { return nil } }
        }
    }

    /// Counts `path` (a request's path before `?`) under its template near `shapes`, if it is
    /// near; `scratch` is reused. Allocates only for a template not seen before.
    package mutating func consider(_ path: UnsafeRawBufferPointer, shapes: [[[UInt8]?]], scratch: inout [UInt8]) {
        guard path.count > 0, path[0] == 0x2F else { return }
        var best = 0, bestShape = -1
        for (s, shape) in shapes.enumerated() {
            let score = Self.score(path, shape)
            if score > best { best = score; bestShape = s }
        }
        guard bestShape >= 0 else { return }
        let shape = shapes[bestShape]
        scratch.removeAll(keepingCapacity: true)
        var segments = 0
        Self.forEachSegment(path) { i, segment in
            scratch.append(0x2F)
            if i < shape.count, let literal = shape[i], literal.elementsEqual(segment) {
                scratch.append(contentsOf: literal)
            } else {
                scratch.append(contentsOf: Self.placeholder)
            }
            segments = i + 1
        }
        if var entry = entries[scratch] {
            entry.count += 1
            entries[scratch] = entry
        } else if entries.count < Self.limit {
            entries[scratch] = Entry(count: 1, score: best, lengthDifference: abs(segments - shape.count))
        } else {
            others += 1
        }
    }

    /// `{…}`, as UTF-8.
    static let placeholder = Array("{…}".utf8)

    /// Segments of `path` that are the shape's literal at the same place.
    private static func score(_ path: UnsafeRawBufferPointer, _ shape: [[UInt8]?]) -> Int {
        var score = 0
        forEachSegment(path) { i, segment in
            if i < shape.count, let literal = shape[i], literal.elementsEqual(segment) { score += 1 }
        }
        return score
    }

    /// Calls `body` with each segment of `path` (after its leading `/`) and its place, up to
    /// `maxSegments`.
    private static func forEachSegment(_ path: UnsafeRawBufferPointer, _ body: (Int, UnsafeRawBufferPointer.SubSequence) -> Void) {
        var start = 1, index = 0
        while index < maxSegments {
            var end = start
            while end < path.count && path[end] != 0x2F { end += 1 }
            body(index, path[start..<end])
            index += 1
            if end >= path.count { break }
            start = end + 1
        }
    }

    package mutating func add(_ other: NearPaths) {
        for (template, entry) in other.entries {
            if var mine = entries[template] {
                mine.count += entry.count
                entries[template] = mine
            } else if entries.count < Self.limit {
                entries[template] = entry
            } else {
                others += entry.count
            }
        }
        others += other.others
    }

    /// The nearest templates first (most literals in place, then closest in length, then most
    /// requests), with their counts.
    package func nearest(_ n: Int) -> [(template: String, count: Int)] {
        entries.sorted { a, b in
            if a.value.score != b.value.score { return a.value.score > b.value.score }
            if a.value.lengthDifference != b.value.lengthDifference { return a.value.lengthDifference < b.value.lengthDifference }
            if a.value.count != b.value.count { return a.value.count > b.value.count }
            return a.key.lexicographicallyPrecedes(b.key)
        }.prefix(n).map { (String(decoding: $0.key, as: UTF8.self), $0.value.count) }
    }
}
