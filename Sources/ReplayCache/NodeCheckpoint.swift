/// A node's state at the start of a gzip member whose check is not yet known: the requests
/// held for reordering, the counts and how many sightings of each kind there were. The cache itself is
/// journaled key by key (`NodeReplay`), so a checkpoint costs no copy of it.
struct NodeCheckpoint {
    var buffer: ReorderBuffer
    var firstTime: Int64
    var lastTime: Int64
    var silenceDetector: SilenceDetector
    var holes: HoleList
    var counts: NodeCounts
    var sightings: Int
    var served: Int
}
