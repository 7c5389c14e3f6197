/// Builds a CSV file as bytes: RFC 4180 cells (CRLF line ends, quotes doubled), formula-safe
/// (a cell starting with `=`, `+`, `-`, `@`, a tab or a CR gets a leading `'`), and UTC times
/// written without a String per cell.
struct CSVBuilder {
    private(set) var bytes: [UInt8] = []
    private var cellsInRow = 0
    private var lastDay = Int64.min
    private var dayPrefix: [UInt8] = []

    init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    /// A cell's bytes as `cell` writes them: for values written many times, escaped once.
    static func escaped(_ text: String) -> [UInt8] {
        var one = CSVBuilder(capacity: text.utf8.count + 8)
        one.cell(text)
        return one.bytes
    }

    @inline(__always)
    private mutating func separate() {
        if cellsInRow > 0 { bytes.append(0x2C) }
        cellsInRow += 1
    }

    mutating func cell(_ text: String) {
        separate()
        var text = text
        text.withUTF8 { appendEscaped($0) }
    }

    /// A cell made by `escaped`.
    mutating func cell(escaped: [UInt8]) {
        separate()
        bytes.append(contentsOf: escaped)
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
        let h = inDay / 3_600_000, m = inDay / 60_000 % 60, s = inDay / 1000 % 60, f = inDay % 1000
        let text: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (UInt8(0x30 + h / 10), UInt8(0x30 + h % 10), 0x3A, UInt8(0x30 + m / 10), UInt8(0x30 + m % 10), 0x3A,
             UInt8(0x30 + s / 10), UInt8(0x30 + s % 10), 0x2E, UInt8(0x30 + f / 100), UInt8(0x30 + f / 10 % 10), UInt8(0x30 + f % 10), 0x5A)
        withUnsafeBytes(of: text) { bytes.append(contentsOf: $0) }
    }

    mutating func endRow() {
        bytes.append(0x0D)
        bytes.append(0x0A)
        cellsInRow = 0
    }

    mutating func row(_ cells: [String]) {
        for c in cells { cell(c) }
        endRow()
    }

    private mutating func appendDigits(_ value: Int, width: Int) {
        var v = value
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &digits) { d in
            var n = 0
            repeat {
                d[23 - n] = UInt8(0x30 + v % 10)
                v /= 10
                n += 1
            } while v > 0
            while n < width { d[23 - n] = 0x30; n += 1 }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: d[(24 - n)...]))
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
