/// An exposure as the replay finds it, in interned numbers; it becomes an `Exposure` with
/// strings once its group is done.
package struct Sighting {
    package var time: Int64
    package var rule: Int32
    package var subject: Int32
    package var viewer: Int32
    package var file: Int32
    package var line: Int
    package var fromCache: Bool
    package var renderedAt: Int64
    /// 0 for a confirmed exposure; for a possible pair, how many renders the delivery may
    /// have served (SPEC §3.7).
    package var candidates: UInt16 = 0
}
