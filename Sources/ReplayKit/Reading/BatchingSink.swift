/// The inflating thread's sink: copies lines into batches and queues each full one.
struct BatchingSink: LineSink {
    let queue: BatchQueue
    private var batch: LineBatch

    init(queue: BatchQueue) {
        self.queue = queue
        batch = queue.takeEmpty()
    }

    mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
        if !batch.fits(bytes.count) { flush() }
        batch.append(bytes, number: number)
    }

    mutating func oversizedLine(number: Int, length: Int) {
        batch.appendOversized(number: number, length: length)
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
