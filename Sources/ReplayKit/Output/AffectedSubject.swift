/// One exposed subject, as a row of affected.csv.
public struct AffectedSubject: Sendable, Equatable {
    public var subject: String
    public var exposures: Int
    public var viewers: Int
    public var firstExposed: Int64
    public var lastExposed: Int64
    public var rules: [String]
    public var fields: [String]

    /// Groups exposures by subject, sorted by subject (bytewise: the subjects' ranks).
    public static func from(_ exposures: [Exposure], rules: [Rule]) -> [AffectedSubject] {
        let subjects = (exposures.map(\.subjectRank).max() ?? -1) + 1
        var count = [Int](repeating: 0, count: subjects)
        var first = [Int64](repeating: .max, count: subjects)
        var last = [Int64](repeating: .min, count: subjects)
        var name = [String](repeating: "", count: subjects)
        var viewerPairs: [UInt64] = []
        var rulePairs: [UInt64] = []
        viewerPairs.reserveCapacity(exposures.count)
        rulePairs.reserveCapacity(exposures.count)
        for e in exposures {
            let r = e.subjectRank
            count[r] += 1
            if e.time < first[r] { first[r] = e.time }
            if e.time > last[r] { last[r] = e.time }
            if count[r] == 1 { name[r] = e.subject }
            viewerPairs.append(UInt64(r) << 32 | UInt64(UInt32(truncatingIfNeeded: e.viewerNumber)))
            rulePairs.append(UInt64(r) << 32 | UInt64(UInt32(truncatingIfNeeded: e.rule)))
        }
        // Distinct viewers and rules per subject: sort the pairs, count each one once.
        var viewers = [Int](repeating: 0, count: subjects)
        var ruleSets = [[Int]](repeating: [], count: subjects)
        viewerPairs.sort()
        rulePairs.sort()
        for (i, pair) in viewerPairs.enumerated() where i == 0 || viewerPairs[i - 1] != pair { viewers[Int(pair >> 32)] += 1 }
        for (i, pair) in rulePairs.enumerated() where i == 0 || rulePairs[i - 1] != pair {
            ruleSets[Int(pair >> 32)].append(Int(pair & 0xFFFF_FFFF))
        }
        return (0..<subjects).filter { count[$0] > 0 }.map { r in
            let ruleNames = Set(ruleSets[r].map { rules[$0].name }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            let fields = Set(ruleSets[r].flatMap { rules[$0].fields }).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            return AffectedSubject(subject: name[r], exposures: count[r], viewers: viewers[r], firstExposed: first[r],
                                   lastExposed: last[r], rules: ruleNames, fields: fields)
        }
    }
}
