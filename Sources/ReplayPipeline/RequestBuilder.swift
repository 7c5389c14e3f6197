import ReplaySupport
import ReplayIncident
import ReplayMatching
import ReplayCache

/// The replay thread's half of matching: numbers the bytes a parsing thread copied (cache
/// keys, viewers, subjects) and looks subjects up in tables, making a `Request`.
final class RequestBuilder {
    /// Viewers and subjects share one numbering, so that a self-view is a number compare.
    let people = ByteInterner(capacity: 1 << 14)
    /// Cache keys (a node's cache is an array by key number).
    let keys = ByteInterner(capacity: 1 << 14)
    /// Per rule, the table its subjects come from.
    private let tables: [SubjectTable?]
    /// Per rule, table lookups already made: the key's number to its list of subjects.
    private let lookupKeys: [ByteInterner]
    private var lookups: [[Int32]]
    let lists = SubjectLists()

    init(incident: Incident) {
        tables = incident.rules.map { rule in
            if case .table(let name, _) = rule.subject { return incident.tables[name] }
            return nil
        }
        lookupKeys = incident.rules.map { _ in ByteInterner(capacity: 64) }
        lookups = incident.rules.map { _ in [] }
    }

    /// Asks for the interners' memory that `request(m)` will read: their slots, or with
    /// `entries` the bytes the slots point to (see `ByteInterner.prefetch`).
    @inline(__always)
    func prefetch(_ m: MatchedRequest, arena: UnsafeRawBufferPointer, entries: Bool) {
        if !m.key.isNone { keys.prefetch(m.key.bytes(in: arena), entry: entries) }
        if !m.viewer.isNone { people.prefetch(m.viewer.bytes(in: arena), entry: entries) }
        if case .captured = m.subjects { people.prefetch(m.subject.bytes(in: arena), entry: entries) }
    }

    func request(_ m: MatchedRequest, arena: UnsafeRawBufferPointer, time: Int64, file: Int, line: Int) -> Request {
        func bytes(_ r: ByteSpan) -> UnsafeRawBufferPointer {
            r.bytes(in: arena)
        }
        let key = m.key.isNone ? -1 : keys.intern(bytes(m.key))
        let viewer = m.viewer.isNone ? -1 : people.intern(bytes(m.viewer))
        var subjects = Subjects.none
        switch m.subjects {
        case .none: break
        case .viewer: subjects = .one(viewer)
        case .captured: subjects = .one(people.intern(bytes(m.subject)))
        case .table:
            let rule = Int(m.rule)
            let k = Int(lookupKeys[rule].intern(bytes(m.subject)))
            if k == lookups[rule].count {
                let listed = tables[rule]?.subjects[ByteKey(Array(bytes(m.subject)))] ?? []
                let anonymous = Array("anon:".utf8)
                lookups[rule].append(lists.add(listed.filter { !$0.starts(with: anonymous) }.map { id in id.withUnsafeBytes { people.intern($0) } }))
            }
            subjects = .listed(lookups[rule][k])
        }
        return Request(time: time, file: Int32(file), line: line, rule: m.rule, head: m.head,
                       cacheStatus: m.cacheStatus, key: key, viewer: viewer, subjects: subjects, timing: m.timing)
    }
}
