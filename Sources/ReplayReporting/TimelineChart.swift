import ReplayParsing

/// The report's chart of exposures over time (SPEC §4 `timeline`): a bar per minute, stacked by
/// page, confirmed exposures solid and possible ones hatched, the bug window(s) shaded, so that
/// the tail that caches served after the window shows. Inline SVG, no script. A run longer
/// than `bars` minutes gets bars of several minutes, and the caption says so.
///
/// Every bar names the summary.json counts it draws (`data-json-sum`, JSON Pointers, and
/// `data-value`), so that a test can check the picture against the file.
struct TimelineChart {
    struct Minute {
        var index: Int
        var minute: Int64
        var confirmed: [Int]
        var possible: [Int]
    }

    var rules: [String]
    var minutes: [Minute]
    /// Each rule's window (the run's when it has none).
    var windows: [(start: Int64, end: Int64)]

    static let bars = 720
    static let width = 680.0, height = 220.0
    static let left = 44.0, right = 20.0, top = 10.0, bottom = 30.0
    /// The pages' colours, in rule order (then again).
    static let colours = ["#1f5fa8", "#d2691e", "#2e8b57", "#8b3a9b", "#b22222", "#4f7f8f", "#9c7a00", "#555555"]

    static func colour(_ rule: Int) -> String { colours[rule % colours.count] }

    /// The minutes shown: from the earliest window start (or exposure) to the latest window end
    /// (or exposure).
    var span: (start: Int64, end: Int64) {
        let starts = windows.map(\.start) + minutes.map(\.minute)
        let ends = windows.map(\.end) + minutes.map { $0.minute + 60_000 }
        let start = (starts.min() ?? 0), end = (ends.max() ?? 60_000)
        let floor = start - ((start % 60_000) + 60_000) % 60_000
        return (floor, max(end, floor + 60_000))
    }

    /// Minutes per bar.
    var minutesPerBar: Int {
        let (start, end) = span
        let count = Int((end - start + 59_999) / 60_000)
        return max(1, (count + Self.bars - 1) / Self.bars)
    }

    func svg() -> String {
        let (start, end) = span
        let step = Int64(minutesPerBar) * 60_000
        let barCount = max(1, Int((end - start + step - 1) / step))
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        let barWidth = plotWidth / Double(barCount)
        // Sum each bar's counts per rule, confirmed and possible, with the pointers they come from.
        var confirmed = [[Int]](repeating: [Int](repeating: 0, count: rules.count), count: barCount)
        var possible = confirmed
        var sources = [[(confirmed: [String], possible: [String])]](
            repeating: [([String], [String])](repeating: ([], []), count: rules.count), count: barCount)
        for m in minutes {
            let bar = min(barCount - 1, Int((m.minute - start) / step))
            for r in rules.indices {
                let key = JSONValue.pointerToken(rules[r])
                if m.confirmed[r] > 0 {
                    confirmed[bar][r] += m.confirmed[r]
                    sources[bar][r].confirmed.append("/timeline/\(m.index)/confirmed/\(key)")
                }
                if m.possible[r] > 0 {
                    possible[bar][r] += m.possible[r]
                    sources[bar][r].possible.append("/timeline/\(m.index)/possible/\(key)")
                }
            }
        }
        let tallest = max(1, (0..<barCount).map { b in rules.indices.reduce(0) { $0 + confirmed[b][$1] + possible[b][$1] } }.max() ?? 1)
        let tick = niceCeiling((tallest + 3) / 4)
        let top = tick * 4
        func x(_ t: Int64) -> Double { Self.left + Double(t - start) / Double(end - start) * plotWidth }
        func y(_ v: Int) -> Double { Self.top + plotHeight - Double(v) / Double(top) * plotHeight }

        var out = "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(f(Self.width)) \(f(Self.height))\" role=\"img\" "
            + "aria-label=\"Exposures over time\">\n<defs>"
        for r in rules.indices {
            out += "<pattern id=\"hatch\(r)\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                + "<rect width=\"4\" height=\"4\" fill=\"#fff\"/><rect width=\"2\" height=\"4\" fill=\"\(Self.colour(r))\"/></pattern>"
        }
        out += "</defs>\n"
        // The windows, shaded; distinct ones once.
        var shaded = Set<String>()
        for w in windows where shaded.insert("\(w.start)-\(w.end)").inserted {
            out += "<rect class=\"window\" x=\"\(f(x(w.start)))\" y=\"\(f(Self.top))\" width=\"\(f(max(0.5, x(w.end) - x(w.start))))\" "
                + "height=\"\(f(plotHeight))\" fill=\"#fff3c4\"/>\n"
        }
        // Grid and the y axis.
        for k in 0...4 {
            let v = tick * k
            out += "<line x1=\"\(f(Self.left))\" x2=\"\(f(Self.width - Self.right))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\" stroke=\"#ddd\"/>"
                + "<text x=\"\(f(Self.left - 4))\" y=\"\(f(y(v) + 3))\" text-anchor=\"end\">\(v)</text>\n"
        }
        // Bars: confirmed below, possible above, page by page.
        for b in 0..<barCount {
            var height = 0
            let x0 = Self.left + Double(b) * barWidth
            for r in rules.indices {
                for (value, pointers, fill, kind) in [(confirmed[b][r], sources[b][r].confirmed, Self.colour(r), "confirmed"),
                                                      (possible[b][r], sources[b][r].possible, "url(#hatch\(r))", "possible")] where value > 0 {
                    let y1 = y(height + value), y0 = y(height)
                    let when = CivilTime.format(milliseconds: start + Int64(b) * step)
                    out += "<rect x=\"\(f(x0 + barWidth * 0.08))\" y=\"\(f(y1))\" width=\"\(f(max(0.6, barWidth * 0.84)))\" "
                        + "height=\"\(f(max(0.4, y0 - y1)))\" fill=\"\(fill)\" data-json-sum=\"\(ReportPage.escape(pointers.joined(separator: " ")))\" "
                        + "data-value=\"\(value)\"><title>\(ReportPage.escape(rules[r])), \(when.prefix(16).replacingOccurrences(of: "T", with: " ")) UTC: "
                        + "\(value) \(kind)</title></rect>\n"
                    height += value
                }
            }
        }
        // The windows' bounds, over the bars.
        for w in windows where shaded.remove("\(w.start)-\(w.end)") != nil {
            for t in [w.start, w.end] {
                out += "<line x1=\"\(f(x(t)))\" x2=\"\(f(x(t)))\" y1=\"\(f(Self.top))\" y2=\"\(f(Self.top + plotHeight))\" "
                    + "stroke=\"#b08900\" stroke-dasharray=\"3 2\"/>\n"
            }
        }
        // The time axis: about six labels, on whole minutes.
        let totalMinutes = Int((end - start) / 60_000)
        let labelStep = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080].first { $0 * 6 >= totalMinutes } ?? 10080
        var m = 0
        while m <= totalMinutes {
            let t = start + Int64(m) * 60_000
            let label = CivilTime.format(milliseconds: t)
            let text = totalMinutes > 24 * 60 ? label.prefix(16).replacingOccurrences(of: "T", with: " ") : String(label.dropFirst(11).prefix(5))
            out += "<line x1=\"\(f(x(t)))\" x2=\"\(f(x(t)))\" y1=\"\(f(Self.top + plotHeight))\" y2=\"\(f(Self.top + plotHeight + 4))\" stroke=\"#888\"/>"
                + "<text x=\"\(f(x(t)))\" y=\"\(f(Self.top + plotHeight + 16))\" text-anchor=\"middle\">\(text)</text>\n"
            m += labelStep
        }
        out += "<line x1=\"\(f(Self.left))\" x2=\"\(f(Self.width - Self.right))\" y1=\"\(f(Self.top + plotHeight))\" "
            + "y2=\"\(f(Self.top + plotHeight))\" stroke=\"#888\"/>\n</svg>"
        return out
    }

    /// 1, 2, 5, 10, 20, 50, … at or above `v`.
    private func niceCeiling(_ v: Int) -> Int {
        var unit = 1
        while true {
            for k in [1, 2, 5] where k * unit >= v { return k * unit }
            unit *= 10
        }
    }

    private func f(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }
}
