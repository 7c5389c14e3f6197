import Foundation

/// Reads one file on several threads: one reads, hashes, inflates and splits lines; the
/// parsing threads (one matcher each) parse and match batches of lines; the numbering thread
/// takes the parsed batches back in file order and numbers their requests; the calling thread
/// gets them next, in the same order, to replay them.
struct FilePipeline {
    let reader: LineReader
    let matchers: [RequestMatcher]
    let byVariable: Bool

    /// `ledger` learns, as the reading thread checks each gzip member, which members passed.
    func run(path: String, ledger: MemberLedger, numbering: RequestNumbering, apply: (ParsedBatch) -> Void) -> ReadReport {
        let lines = BatchQueue(batches: matchers.count + 3, capacity: reader.maxLineLength + (1 << 20))
        let parsed = ParsedQueue(batches: 2 * matchers.count + 2, workers: matchers.count)
        let producer = Thread { [reader] in
            var batching = BatchingSink(queue: lines, ledger: ledger)
            let report = reader.read(path: path, into: &batching)
            batching.close(with: report)
        }
        producer.stackSize = 1 << 20
        producer.start()
        for matcher in matchers {
            let worker = Thread { [byVariable] in
                while true {
                    let batch = parsed.takeFree()
                    guard let (number, raw) = lines.takeFullNumbered() else {
                        parsed.giveBack(batch)
                        break
                    }
                    batch.fill(from: raw, matcher: matcher, byVariable: byVariable)
                    lines.giveBack(raw)
                    parsed.put(number, batch)
                }
                parsed.workerDone()
            }
            worker.stackSize = 1 << 20
            worker.start()
        }
        let numbered = BatchHandOff()
        let numberer = Thread {
            var next = 0
            while let batch = parsed.take(next) {
                numbering.number(batch)
                numbered.put(batch)
                next += 1
            }
            numbered.finish()
        }
        numberer.stackSize = 1 << 20
        numberer.start()
        while let batch = numbered.take() {
            apply(batch)
            parsed.giveBack(batch)
        }
        return lines.report ?? ReadReport()
    }
}
