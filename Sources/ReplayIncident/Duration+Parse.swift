import Foundation

/// Parses durations of the incident file: `60s`, `500ms`, `2m`, `1h`; a number without its
/// unit is refused (is `60` seconds or milliseconds?), but for `0`.
enum DurationText {
    static func milliseconds(_ text: String) -> Int64? {
        let units: [(String, Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        let t = text.trimmingCharacters(in: .whitespaces)
        for (suffix, scale) in units where t.hasSuffix(suffix) {
            let number = t.dropLast(suffix.count)
            // At most a year: anything longer is a typo, and would overflow the arithmetic on
            // times (found by fuzzing: 10^40 seconds trapped).
            let limit: Int64 = 366 * 86_400_000
            if let v = Int64(number), v >= 0 {
                let (ms, overflow) = v.multipliedReportingOverflow(by: scale)
                return overflow || ms > limit ? nil : ms
            }
            if let d = Double(number), d >= 0, d.isFinite, d * Double(scale) <= Double(limit) { return Int64((d * Double(scale)).rounded()) }
            return nil
        }
        return t == "0" ? 0 : nil
    }
}
