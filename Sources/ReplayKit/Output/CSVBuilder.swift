/// Builds a CSV file as bytes: RFC 4180 cells (CRLF line ends, quotes doubled), formula-safe
/// (a cell starting with `=`, `+`, `-`, `@`, a tab or a CR gets a leading `'`), and UTC times
/// written without a String per cell.
struct CSVBuilder {
    private(set) var bytes: [UInt8] = []
    private var cellsInRow = 0
    private var lastDay = Int64.min
    private var dayPrefix: [UInt8] = []

    /// Where full pieces go when the CSV is streamed to a file (nil: kept whole in `bytes`).
    private let output: ResultFile.Writer?

    init(capacity: Int = 1 << 16, streamingTo output: ResultFile.Writer? = nil) {
        self.output = output
        bytes.reserveCapacity(output == nil ? capacity : (1 << 20) + 4096)
    }

    /// Sends what is built so far to the output file (when streaming).
    mutating func flush() {
        guard let output else { return }
        bytes.withUnsafeBytes { output.append($0) }
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func separate() {
        if cellsInRow > 0 { bytes.append(0x2C) }
        cellsInRow += 1
    }

    mutating func cell(_ text: String) {
        separate()
        var text = text
        text.withUTF8 { appendEscaped($0) }
    }

    mutating func cell(_ value: Int) {
        separate()
        if value < 0 {
            var t = String(value)
            t.withUTF8 { appendEscaped($0) }
            return
        }
        appendDigits(value, width: 1)
    }

    /// `YYYY-MM-DDTHH:MM:SS.sssZ`
    mutating func time(_ ms: Int64) {
        separate()
        let day = ms >= 0 ? ms / 86_400_000 : (ms - 86_399_999) / 86_400_000
        if day != lastDay {
            lastDay = day
            let text = CivilTime.format(milliseconds: day * 86_400_000)
            dayPrefix = Array(text.utf8.prefix(11))
        }
        bytes += dayPrefix
        let inDay = Int(ms - day * 86_400_000)
        appendDigits(inDay / 3_600_000, width: 2); bytes.append(0x3A)
        appendDigits(inDay / 60_000 % 60, width: 2); bytes.append(0x3A)
        appendDigits(inDay / 1000 % 60, width: 2); bytes.append(0x2E)
        appendDigits(inDay % 1000, width: 3); bytes.append(0x5A)
    }

    mutating func endRow() {
        bytes.append(0x0D)
        bytes.append(0x0A)
        cellsInRow = 0
        if output != nil && bytes.count >= 1 << 20 { flush() }
    }

    mutating func row(_ cells: [String]) {
        for c in cells { cell(c) }
        endRow()
    }

    private mutating func appendDigits(_ value: Int, width: Int) {
        var v = value
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat {
                d[n] = UInt8(0x30 + v % 10)
                v /= 10
                n += 1
            } while v > 0
            while n < width { d[n] = 0x30; n += 1 }
            for k in stride(from: n - 1, through: 0, by: -1) { bytes.append(d[k]) }
        }
    }

    private mutating func appendEscaped(_ text: UnsafeBufferPointer<UInt8>) {
        var risky = false
        if let first = text.first, first == 0x3D || first == 0x2B || first == 0x2D || first == 0x40 || first == 0x09 || first == 0x0D {
            risky = true
        }
        var quote = false
        for b in text where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D { quote = true; break }
        if quote { bytes.append(0x22) }
        if risky { bytes.append(0x27) }
        if quote {
            for b in text {
                bytes.append(b)
                if b == 0x22 { bytes.append(0x22) }
            }
            bytes.append(0x22)
        } else {
            bytes.append(contentsOf: text)
        }
    }
}
