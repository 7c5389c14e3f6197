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

    func number(_ batch: ParsedBatch) {
        batch.requests.removeAll(keepingCapacity: true)
        batch.arena.withUnsafeBytes { arena in
            for i in 0..<batch.numbers.count where batch.fates[i] == .matched {
                batch.requests.append(builder.request(batch.matches[Int(batch.details[i])], arena: arena, time: batch.times[i],
                                                      file: file, line: batch.numbers[i]))
            }
        }
    }
}
