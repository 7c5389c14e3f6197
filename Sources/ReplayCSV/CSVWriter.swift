#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReplaySupport
import ReplayParsing

/// The one writer of replay's CSV files, building them as bytes: RFC 4180 cells (CRLF line ends,
/// quotes doubled), formula-safe (`FormulaGuard`; `CSVReader` undoes it), and UTC times
/// written without a String per cell. Its buffer is managed by hand: exposures.csv is written
/// a cell at a time, millions of them.
/// Its buffers are managed by hand, safe because this object is their only owner: allocated
/// when it is made, freed in its `deinit`, never lent out beyond a call.
package final class CSVWriter {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    package private(set) var count = 0
    private var cellsInRow = 0
    private var lastDay = Int64.min
    private var dayPrefix: (UInt64, UInt64) = (0, 0)

    package init(capacity: Int = 1 << 16) {
        self.capacity = max(64, capacity)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    /// A copy of what is built.
    package var bytes: [UInt8] { Array(UnsafeBufferPointer(start: storage, count: count)) }

    /// What is built, for the duration of `body`.
    package func withBytes<T>(_ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        try body(UnsafeRawBufferPointer(start: storage, count: count))
    }

    @inline(__always)
    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        var grown = capacity * 2
        while grown < count + extra { grown *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: grown)
        bigger.update(from: storage, count: count)
        storage.deallocate()
        storage = bigger
        capacity = grown
    }

    @inline(__always)
    private func put(_ byte: UInt8) {
        reserve(1)
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    private func put(_ source: UnsafeRawBufferPointer) {
        let n = source.count
        guard n > 0 else { return }
        reserve(n)
        Bytes.copy(to: storage + count, from: source.baseAddress!, count: n)
        count += n
    }

    @inline(__always)
    private func separate() {
        if cellsInRow > 0 { put(0x2C) }
        cellsInRow += 1
    }

    /// A text cell, formula-safe, its controls and bidirectional controls written as `\xHH` and
    /// `\x{HHHH}` (`IdText.safe`), as in every output.
    package func cell(_ text: String) {
        separate()
        var text = IdText.safe(text)
        text.withUTF8 { appendEscaped($0) }
    }

    /// A cell escaped already (see `ExposureCells`).
    @inline(__always)
    package func cell(escaped: UnsafeRawBufferPointer) {
        separate()
        put(escaped)
    }

    /// Starts the next cell without a separator (cells escaped one after another, to be kept).
    package func endCell() {
        cellsInRow = 0
    }

    /// Empties the builder, keeping its memory.
    package func removeAll() {
        count = 0
        cellsInRow = 0
    }

    package func cell(_ value: Int) {
        separate()
        if value < 0 {
            var t = String(value)
            t.withUTF8 { appendEscaped($0) }
            return
        }
        reserve(20)
        var v = value
        var n = 0
        repeat { n += 1; v /= 10 } while v > 0
        v = value
        for k in stride(from: n - 1, through: 0, by: -1) {
            storage[count + k] = UInt8(0x30 + v % 10)
            v /= 10
        }
        count += n
    }

    /// `YYYY-MM-DDTHH:MM:SS.sssZ`
    package func time(_ ms: Int64) {
        separate()
        let day = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        if day != lastDay {
            lastDay = day
            var prefix: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &prefix) { p in
                for (k, b) in CivilTime.format(milliseconds: day * 86_400_000).utf8.prefix(11).enumerated() { p[k] = b }
            }
            dayPrefix = prefix
        }
        reserve(24)
        withUnsafeBytes(of: dayPrefix) { (storage + count).update(from: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 11) }
        let inDay = Int(ms - day * 86_400_000)
        let h = inDay / 3_600_000, m = inDay / 60_000 % 60, s = inDay / 1000 % 60, f = inDay % 1000
        let p = storage + count + 11
        p[0] = UInt8(0x30 + h / 10); p[1] = UInt8(0x30 + h % 10); p[2] = 0x3A
        p[3] = UInt8(0x30 + m / 10); p[4] = UInt8(0x30 + m % 10); p[5] = 0x3A
        p[6] = UInt8(0x30 + s / 10); p[7] = UInt8(0x30 + s % 10); p[8] = 0x2E
        p[9] = UInt8(0x30 + f / 100); p[10] = UInt8(0x30 + f / 10 % 10); p[11] = UInt8(0x30 + f % 10); p[12] = 0x5A
        count += 24
    }

    package func endRow() {
        reserve(2)
        storage[count] = 0x0D
        storage[count + 1] = 0x0A
        count += 2
        cellsInRow = 0
    }

    package func row(_ cells: [String]) {
        for c in cells { cell(c) }
        endRow()
    }

    private func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
        let risky = text.first.map(FormulaGuard.guards) ?? false
        var quote = false
        for b in text where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { quote = true; break }
        if quote { put(0x22) }
        if risky { put(0x27) }
        if quote {
            for b in text {
                put(b)
                if b == 0x22 { put(0x22) }
            }
            put(0x22)
        } else {
            put(UnsafeRawBufferPointer(text))
        }
    }
}
