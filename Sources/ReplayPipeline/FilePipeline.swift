import Foundation
import ReplayThreads
import ReplayReading
import ReplayMatching
import SystemPackage

/// Reads one file on several threads: one reads, hashes, inflates and splits lines; the
/// parsing threads (one matcher each) parse and match batches of lines; the numbering thread
/// takes the parsed batches back in file order and numbers their requests; the calling thread
/// gets them next, in the same order, to replay them.
struct FilePipeline {
    let reader: LineReader
    let matchers: [RequestMatcher]
    let byVariable: Bool

    /// `ledger` learns, as the reading thread checks each gzip member, which members passed.
    func run(path: FilePath, ledger: MemberLedger, numbering: RequestNumbering, apply: (ParsedBatch) -> Void) -> ReadReport {
        let capacity = reader.maxLineLength + (1 << 20)
        let lines = HandOff(items: (0..<matchers.count + 3).map { _ in LineBatch(capacity: capacity) })
        let parsed = HandOff(items: (0..<2 * matchers.count + 2).map { _ in ParsedBatch() }, producers: matchers.count)
        let numbered = HandOff<ParsedBatch>()
        let report = Locked(ReadReport())
        let producer = Thread { [reader] in
            var batching = BatchingSink(lines: lines, ledger: ledger)
            let read = reader.read(path: path, into: &batching)
            report.set(read)
            batching.close()
        }
        producer.stackSize = 1 << 20
        producer.start()
        for matcher in matchers {
            // Safe because each matcher (which keeps per-line scratch space) is used by this
            // worker thread alone from here on.
            nonisolated(unsafe) let matcher = matcher
            let worker = Thread { [byVariable] in
                while true {
                    let batch = parsed.takeEmpty()
                    guard let (number, raw) = lines.takeNext() else {
                        parsed.giveBack(batch)
                        break
                    }
                    batch.fill(from: raw, matcher: matcher, byVariable: byVariable)
                    lines.giveBack(raw)
                    parsed.put(batch, as: number)
                }
                parsed.producerDone()
            }
            worker.stackSize = 1 << 20
            worker.start()
        }
        // Safe because `numbering` is used by the numbering thread alone while the file is read.
        nonisolated(unsafe) let numbering = numbering
        let numberer = Thread {
            while let (_, batch) = parsed.takeNext() {
                numbering.number(batch)
                numbered.put(batch)
            }
            numbered.producerDone()
        }
        numberer.stackSize = 1 << 20
        numberer.start()
        while let (_, batch) = numbered.takeNext() {
            apply(batch)
            parsed.giveBack(batch)
        }
        return report.value
    }
}
