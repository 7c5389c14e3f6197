/// The inflating thread's sink: copies lines into batches and queues each full one.
struct BatchingSink: LineSink {
    let queue: BatchQueue
    let ledger: MemberLedger
    private var batch: LineBatch

    init(queue: BatchQueue, ledger: MemberLedger) {
        self.queue = queue
        self.ledger = ledger
        batch = queue.takeEmpty()
    }

    mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
        if !batch.fits(bytes.count) { flush() }
        batch.append(bytes, number: number)
    }

    mutating func oversizedLine(number: Int, length: Int) {
        if !batch.fits(0) { flush() }
        batch.appendOversized(number: number, length: length)
    }

    mutating func memberBegins(_ member: Int, firstLine: Int) {
        batch.memberStarts.append(MemberStart(member: member, firstLine: firstLine))
    }

    mutating func memberPassed(_ member: Int) {
        ledger.passed(member)
    }

    mutating func readBytes(_ count: Int) {
        batch.readBytes += count
    }

    mutating func flush() {
        queue.pushFull(batch)
        batch = queue.takeEmpty()
    }

    /// Queues the last batch, if it holds anything, and ends the stream.
    mutating func close(with report: ReadReport) {
        if !batch.isEmpty { queue.pushFull(batch) } else { queue.giveBack(batch) }
        queue.finish(with: report)
    }
}
