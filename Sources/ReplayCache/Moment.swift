/// A moment of a node's replay: a time, then a place in the node's replay order, so that
/// requests logged at the same millisecond keep their log order and a request's lookup comes
/// before its own store (SPEC §3.3).
struct Moment: Comparable {
    var time: Int64
    var order: Int64

    static func < (a: Moment, b: Moment) -> Bool {
        a.time != b.time ? a.time < b.time : a.order < b.order
    }

    /// The earliest moment of a millisecond.
    static func start(of time: Int64) -> Moment { Moment(time: time, order: Int64.min) }
    /// The latest moment of a millisecond.
    static func end(of time: Int64) -> Moment { Moment(time: time, order: Int64.max) }
}

/// When something may have happened: any moment from `lo` to `hi`.
struct Interval {
    var lo: Moment
    var hi: Moment

    static func at(_ m: Moment) -> Interval { Interval(lo: m, hi: m) }
}
