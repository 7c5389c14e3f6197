/// The numbering thread's side of a group: turns each matched line of a parsed batch into a
/// `Request` (numbering its key, viewer and subjects), in file order, while the replay thread
/// replays the batch before.
final class RequestNumbering {
    let builder: RequestBuilder
    /// The input being read.
    var file = 0

    init(builder: RequestBuilder) {
        self.builder = builder
    }

    /// The batch's matched lines (reused).
    private var matched: [Int] = []
    /// How many requests ahead the interners' slots are asked for; their entries are asked
    /// for half as far ahead, once the slots have come.
    static let ahead = 16

    func number(_ batch: ParsedBatch) {
        batch.requests.removeAll(keepingCapacity: true)
        matched.removeAll(keepingCapacity: true)
        for i in 0..<batch.numbers.count where batch.fates[i] == .matched { matched.append(i) }
        batch.arena.withUnsafeBytes { arena in
            // Each lookup in the interners was two cache misses (the slot, then the bytes it
            // points to), most of this thread's time: asked for ahead, they overlap.
            let ahead = Self.ahead
            for n in matched.indices {
                if n + ahead < matched.count {
                    builder.prefetch(batch.matches[Int(batch.details[matched[n + ahead]])], arena: arena, entries: false)
                }
                if n + ahead / 2 < matched.count {
                    builder.prefetch(batch.matches[Int(batch.details[matched[n + ahead / 2]])], arena: arena, entries: true)
                }
                let i = matched[n]
                batch.requests.append(builder.request(batch.matches[Int(batch.details[i])], arena: arena, time: batch.times[i],
                                                      file: file, line: batch.numbers[i]))
            }
        }
    }
}
