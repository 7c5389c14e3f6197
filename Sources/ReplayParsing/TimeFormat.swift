/// The nginx time variables replay reads, parsed by hand into UTC milliseconds.
package enum TimeFormat: String, Sendable, CaseIterable {
    /// `$msec`: `1451073003.123`.
    case msec
    /// `$time_iso8601`: `2015-12-25T11:50:03-08:00`.
    case iso8601 = "time_iso8601"
    /// `$time_local`: `25/Dec/2015:11:50:03 -0800`.
    case local = "time_local"

    /// The variable a pattern's time is read from, most precise first.
    package static func best(in variables: Set<String>) -> TimeFormat? {
        allCases.first { variables.contains($0.rawValue) }
    }

    /// Parses one value; nil when it is not of this form, or when it falls outside the years
    /// 0001–9999 in UTC (`range`): no output could write it as a time (ISO 8601 has four digits).
    package func parse(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let time: Int64?
        switch self {
        case .msec: time = TimeFormat.parseMsec(bytes)
        case .iso8601: time = TimeFormat.parseISO8601(bytes, requireOffset: true)
        case .local: time = TimeFormat.parseLocal(bytes)
        }
        guard let time, Self.range.contains(time) else { return nil }
        return time
    }

    /// 0001-01-01T00:00:00.000Z to 9999-12-31T23:59:59.999Z, in UTC milliseconds.
    package static let range: ClosedRange<Int64> =
        Int64(CivilTime.days(year: 1, month: 1, day: 1)) * 86_400_000...Int64(CivilTime.days(year: 10000, month: 1, day: 1)) * 86_400_000 - 1

    @inline(__always)
    static func digits(_ b: UnsafeRawBufferPointer, _ at: Int, _ count: Int) -> Int? {
        var v = 0
        for i in at..<at + count {
            let d = Int(b[i]) &- 0x30
            guard d >= 0 && d <= 9 else { return nil }
            v = v * 10 + d
        }
        return v
    }

    static func parseMsec(_ b: UnsafeRawBufferPointer) -> Int64? {
        var i = 0
        var seconds: Int64 = 0
        while i < b.count, b[i] != 0x2E {
            let d = Int64(b[i]) &- 0x30
            guard d >= 0 && d <= 9, i < 15 else { return nil }
            seconds = seconds * 10 + d
            i += 1
        }
        guard i > 0 else { return nil }
        var millis: Int64 = 0
        if i < b.count {
            i += 1 // the dot
            var scale: Int64 = 100
            var fractionDigits = 0
            while i < b.count {
                let d = Int64(b[i]) &- 0x30
                guard d >= 0 && d <= 9 else { return nil }
                millis += d * scale
                scale /= 10
                fractionDigits += 1
                i += 1
            }
            guard fractionDigits > 0 else { return nil }
        }
        return seconds * 1000 + millis
    }

    private static let months: [UInt32: Int] = {
        var table: [UInt32: Int] = [:]
        for (i, name) in ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].enumerated() {
            let u = Array(name.utf8)
            table[UInt32(u[0]) << 16 | UInt32(u[1]) << 8 | UInt32(u[2])] = i + 1
        }
        return table
    }()

    package static func parseLocal(_ b: UnsafeRawBufferPointer) -> Int64? {
        // dd/Mon/yyyy:HH:MM:SS +hhmm
        guard b.count == 26, b[2] == 0x2F, b[6] == 0x2F, b[11] == 0x3A, b[14] == 0x3A, b[17] == 0x3A, b[20] == 0x20,
              let day = digits(b, 0, 2), let year = digits(b, 7, 4), let hour = digits(b, 12, 2),
              let minute = digits(b, 15, 2), let second = digits(b, 18, 2),
              let offset = parseOffset(b, at: 21, colon: false) else { return nil }
        let key = UInt32(b[3] | 0x20) << 16 | UInt32(b[4] | 0x20) << 8 | UInt32(b[5] | 0x20)
        guard let month = months[key] else { return nil }
        return compose(year: year, month: month, day: day, hour: hour, minute: minute, second: second, millis: 0, offsetMinutes: offset)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fff…](Z|±HH:MM|±HHMM)`; without an offset only if not required (then UTC).
    package static func parseISO8601(_ b: UnsafeRawBufferPointer, requireOffset: Bool) -> Int64? {
        guard b.count >= 19, b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74, b[13] == 0x3A, b[16] == 0x3A,
              let year = digits(b, 0, 4), let month = digits(b, 5, 2), let day = digits(b, 8, 2),
              let hour = digits(b, 11, 2), let minute = digits(b, 14, 2), let second = digits(b, 17, 2) else { return nil }
        var i = 19
        var millis = 0
        if i < b.count && (b[i] == 0x2E || b[i] == 0x2C) {
            i += 1
            let start = i
            var scale = 100
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 {
                millis += Int(b[i] - 0x30) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        var offset = 0
        if i == b.count {
            guard !requireOffset else { return nil }
        } else if b[i] == 0x5A || b[i] == 0x7A {
            guard i + 1 == b.count else { return nil }
        } else if b.count - i == 6, let o = parseOffset(b, at: i, colon: true) {
            offset = o
        } else if b.count - i == 5, let o = parseOffset(b, at: i, colon: false) {
            offset = o
        } else {
            return nil
        }
        return compose(year: year, month: month, day: day, hour: hour, minute: minute, second: second, millis: millis, offsetMinutes: offset)
    }

    /// `±hhmm` or `±hh:mm` at `at`, in minutes east of UTC.
    static func parseOffset(_ b: UnsafeRawBufferPointer, at i: Int, colon: Bool) -> Int? {
        guard b.count == i + (colon ? 6 : 5) else { return nil }
        let sign: Int
        switch b[i] {
        case 0x2B: sign = 1
        case 0x2D: sign = -1
        default: return nil
        }
        guard let hh = digits(b, i + 1, 2) else { return nil }
        let mmAt = colon ? i + 4 : i + 3
        if colon && b[i + 3] != 0x3A { return nil }
        guard let mm = digits(b, mmAt, 2), hh <= 23, mm <= 59 else { return nil }
        return sign * (hh * 60 + mm)
    }

    @inline(__always)
    static func compose(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millis: Int, offsetMinutes: Int) -> Int64? {
        guard CivilTime.isValid(year: year, month: month, day: day, hour: hour, minute: minute, second: second) else { return nil }
        let days = CivilTime.days(year: year, month: month, day: day)
        let seconds = days * 86400 + hour * 3600 + minute * 60 + second - offsetMinutes * 60
        return Int64(seconds) * 1000 + Int64(millis)
    }
}
