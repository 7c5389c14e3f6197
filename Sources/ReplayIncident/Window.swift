import Foundation
import ReplayParsing

/// The bug window, half-open: `[start, end)`, in UTC milliseconds.
package struct Window: Equatable, Sendable {
    package var start: Int64
    package var end: Int64
    /// The bounds as the user wrote them.
    package var text: String

    package struct ParseError: Error, CustomStringConvertible, Equatable {
        package var message: String
        package var description: String { "--window: \(message)" }
    }

    package init(start: Int64, end: Int64, text: String = "") {
        self.start = start
        self.end = end
        self.text = text
    }

    /// Parses `START..END`, each ISO 8601 with seconds and an offset, fractions allowed.
    package init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let range = trimmed.range(of: "..") else {
            throw ParseError(message: "expected START..END, got '\(trimmed)'")
        }
        let startText = String(trimmed[..<range.lowerBound])
        let endText = String(trimmed[range.upperBound...])
        func bound(_ s: String, _ which: String) throws -> Int64 {
            var bytes = Array(s.utf8)
            let value = bytes.withUnsafeMutableBytes { TimeFormat.parseISO8601(UnsafeRawBufferPointer($0), requireOffset: true) }
            if let value {
                guard TimeFormat.range.contains(value) else {
                    throw ParseError(message: "the \(which) '\(s)' is outside the years 0001–9999 in UTC")
                }
                return value
            }
            let noOffset = bytes.withUnsafeMutableBytes { TimeFormat.parseISO8601(UnsafeRawBufferPointer($0), requireOffset: false) }
            bytes.removeAll()
            if noOffset != nil {
                throw ParseError(message: "the \(which) '\(s)' has no UTC offset; add Z or ±HH:MM")
            }
            if let impossible = Self.impossibleDate(s) {
                throw ParseError(message: "the \(which) '\(s)' is not a real time: \(impossible)")
            }
            throw ParseError(message: "the \(which) '\(s)' is not an ISO 8601 time with seconds and an offset (e.g. 2015-12-25T19:50:00Z)")
        }
        start = try bound(startText, "start")
        end = try bound(endText, "end")
        self.text = trimmed
        guard start < end else {
            throw ParseError(message: start == end ? "the window is empty (start equals end)" : "the window ends before it starts")
        }
    }

    @inline(__always)
    package func contains(_ time: Int64) -> Bool { time >= start && time < end }

    /// What is impossible in a time of the right form (`2024-02-30`, month 13, hour 24), if
    /// anything.
    static func impossibleDate(_ s: String) -> String? {
        let b = Array(s.utf8)
        func number(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= b.count, b[at..<at + count].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return Int(String(decoding: b[at..<at + count], as: UTF8.self))
        }
        guard let year = number(0, 4), b.count > 10, b[4] == 0x2D, let month = number(5, 2), b[7] == 0x2D, let day = number(8, 2) else {
            return nil
        }
        let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        guard month >= 1 && month <= 12 else { return "there is no month \(month)" }
        let days = CivilTime.daysIn(month: month, year: year)
        guard day >= 1 && day <= days else { return "\(months[month - 1]) \(year) has \(days) days" }
        if let hour = number(11, 2), hour > 23 { return "there is no hour \(hour)" }
        if let minute = number(14, 2), minute > 59 { return "there is no minute \(minute)" }
        if let second = number(17, 2), second > 59 { return "there is no second \(second) (leap seconds are not logged)" }
        return nil
    }
}
