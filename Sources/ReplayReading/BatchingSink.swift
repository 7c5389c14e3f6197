import ReplayThreads

/// The inflating thread's sink: copies lines into batches and hands each full one on.
package struct BatchingSink: LineSink {
    let lines: HandOff<LineBatch>
    let ledger: MemberLedger
    private var batch: LineBatch

    package init(lines: HandOff<LineBatch>, ledger: MemberLedger) {
        self.lines = lines
        self.ledger = ledger
        batch = Self.empty(from: lines)
    }

    private static func empty(from lines: HandOff<LineBatch>) -> LineBatch {
        let batch = lines.takeEmpty()
        batch.reset()
        return batch
    }

    package mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
        if !batch.fits(bytes.count) { flush() }
        batch.append(bytes, number: number)
    }

    package mutating func oversizedLine(number: Int, length: Int) {
        if !batch.fits(0) { flush() }
        batch.appendOversized(number: number, length: length)
    }

    package mutating func memberBegins(_ member: Int, firstLine: Int) {
        batch.memberStarts.append(MemberStart(member: member, firstLine: firstLine))
    }

    package mutating func memberPassed(_ member: Int) {
        ledger.passed(member)
    }

    package mutating func readBytes(_ count: Int) {
        batch.readBytes += count
    }

    mutating func flush() {
        lines.put(batch)
        batch = Self.empty(from: lines)
    }

    /// Hands on the last batch, if it holds anything, and ends the stream.
    package mutating func close() {
        if !batch.isEmpty { lines.put(batch) } else { lines.giveBack(batch) }
        lines.producerDone()
    }
}
