import XCTest
@testable import ReplayParsing

final class TimeFormatTests: XCTestCase {
    func parse(_ format: TimeFormat, _ text: String) -> Int64? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { format.parse(UnsafeRawBufferPointer($0)) }
    }

    func utc(_ s: String) -> String? { parse(.iso8601, s).map { CivilTime.format(milliseconds: $0) } }

    func testLocalTimeWithOffsets() {
        // 2015-12-25T19:50:03Z, written in three zones.
        XCTAssertEqual(parse(.local, "25/Dec/2015:11:50:03 -0800"), 1_451_073_003_000)
        XCTAssertEqual(parse(.local, "26/Dec/2015:01:20:03 +0530"), 1_451_073_003_000)
        XCTAssertEqual(parse(.local, "25/Dec/2015:19:50:03 +0000"), 1_451_073_003_000)
        XCTAssertNil(parse(.local, "25/Dex/2015:19:50:03 +0000"))
        XCTAssertNil(parse(.local, "25/Dec/2015:19:50:03"))
        XCTAssertNil(parse(.local, "25/Dec/2015:24:00:00 +0000"))
    }

    /// A time no output can write (outside the years 0001–9999 in UTC) is refused, not written
    /// without its `T` (or as #VALUE! in the workbook).
    func testTimesOutsideYearsOneToNineThousandNineHundredNinetyNineAreRefused() {
        XCTAssertNil(parse(.iso8601, "9999-12-31T23:00:00-05:00"), "year 10000 in UTC")
        XCTAssertNil(parse(.iso8601, "0000-06-01T00:00:00Z"))
        XCTAssertNil(parse(.msec, "253402300800.000"), "10000-01-01T00:00:00Z")
        XCTAssertEqual(parse(.msec, "253402300799.999"), 253_402_300_799_999)
        XCTAssertEqual(CivilTime.format(milliseconds: 253_402_300_799_999), "9999-12-31T23:59:59.999Z")
        XCTAssertEqual(parse(.iso8601, "0001-01-01T00:00:00Z").map { CivilTime.format(milliseconds: $0) }, "0001-01-01T00:00:00.000Z")
    }

    func testISO8601WithOffsets() {
        XCTAssertEqual(parse(.iso8601, "2015-12-25T11:50:03-08:00"), 1_451_073_003_000)
        XCTAssertEqual(parse(.iso8601, "2015-12-26T01:20:03+05:30"), 1_451_073_003_000)
        XCTAssertEqual(parse(.iso8601, "2015-12-25T19:50:03+00:00"), 1_451_073_003_000)
        XCTAssertEqual(parse(.iso8601, "2015-12-25T19:50:03Z"), 1_451_073_003_000)
        XCTAssertEqual(parse(.iso8601, "2015-12-25T19:50:03.250Z"), 1_451_073_003_250)
        XCTAssertNil(parse(.iso8601, "2015-12-25T19:50:03"), "a log time needs its offset")
    }

    func testLeapDayAndEdgesOfTheDay() {
        XCTAssertEqual(utc("2016-02-29T12:00:00Z"), "2016-02-29T12:00:00.000Z")
        XCTAssertEqual(parse(.local, "29/Feb/2016:00:00:00 +0000"), parse(.iso8601, "2016-02-29T00:00:00Z"))
        XCTAssertEqual(parse(.local, "01/Mar/2016:00:00:00 +0000")! - parse(.local, "29/Feb/2016:00:00:00 +0000")!, 86_400_000)
        XCTAssertNil(parse(.local, "29/Feb/2015:00:00:00 +0000"), "2015 is no leap year")
        XCTAssertNil(parse(.local, "29/Feb/1900:00:00:00 +0000"), "1900 is no leap year")
        XCTAssertNotNil(parse(.local, "29/Feb/2000:00:00:00 +0000"), "2000 is")
        XCTAssertEqual(parse(.local, "31/Dec/2015:00:00:00 +0000"), 1_451_520_000_000)
        XCTAssertEqual(parse(.local, "31/Dec/2015:23:59:59 +0000"), 1_451_606_399_000)
        XCTAssertEqual(parse(.local, "01/Jan/2016:00:00:00 +0000"), 1_451_606_400_000)
        XCTAssertEqual(utc("2015-12-31T23:59:59-01:00"), "2016-01-01T00:59:59.000Z")
    }

    func testMsec() {
        XCTAssertEqual(parse(.msec, "1451073003.123"), 1_451_073_003_123)
        XCTAssertEqual(parse(.msec, "1451073003.1"), 1_451_073_003_100)
        XCTAssertEqual(parse(.msec, "1451073003"), 1_451_073_003_000)
        XCTAssertNil(parse(.msec, "1451073003."))
        XCTAssertNil(parse(.msec, "14510x3003.1"))
        XCTAssertNil(parse(.msec, ""))
    }

    func testParserReusesTheSecondButNotAStaleValue() {
        var parser = TimeParser(format: .local)
        func p(_ s: String) -> Int64? { var b = Array(s.utf8); return b.withUnsafeMutableBytes { parser.parse(UnsafeRawBufferPointer($0)) } }
        XCTAssertEqual(p("25/Dec/2015:11:50:03 -0800"), 1_451_073_003_000)
        XCTAssertEqual(p("25/Dec/2015:11:50:03 -0800"), 1_451_073_003_000)
        XCTAssertEqual(p("25/Dec/2015:11:50:04 -0800"), 1_451_073_004_000)
        XCTAssertNil(p("25/Dec/2015:11:50:0x -0800"))
        XCTAssertEqual(p("25/Dec/2015:11:50:04 -0800"), 1_451_073_004_000)
    }

    func testFormatRoundTrips() {
        for ms: Int64 in [0, 1, 999, 951_782_400_000, 1_451_073_003_123, 4_102_444_799_999] {
            var bytes = Array(CivilTime.format(milliseconds: ms).utf8)
            XCTAssertEqual(bytes.withUnsafeMutableBytes { TimeFormat.parseISO8601(UnsafeRawBufferPointer($0), requireOffset: true) }, ms)
        }
    }
}
