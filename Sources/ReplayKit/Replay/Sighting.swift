/// An exposure as the replay finds it, in interned numbers; it becomes an `Exposure` with
/// strings once its group is done.
struct Sighting {
    var time: Int64
    var rule: Int32
    var subject: Int32
    var viewer: Int32
    var file: Int32
    var line: Int
    var fromCache: Bool
    var renderedAt: Int64
}
