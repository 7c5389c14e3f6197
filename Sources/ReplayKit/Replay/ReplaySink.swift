/// The replay thread's side of a group: accounts for each line of a parsed batch, in order,
/// and hands its requests (numbered already) to their node.
struct ReplaySink {
    let window: Window
    var nodes: NodeTable
    let byVariable: Bool
    var account: InputAccount
    let progress: ProgressCounter?
    /// The node of every line when nodes are told apart by folder.
    private let folderName: [UInt8]

    init(window: Window, nodes: NodeTable, byVariable: Bool, folderNode: String, account: InputAccount,
         progress: ProgressCounter?) {
        self.window = window
        self.nodes = nodes
        self.byVariable = byVariable
        self.account = account
        self.progress = progress
        folderName = Array(folderNode.utf8)
    }

    mutating func apply(_ batch: ParsedBatch) {
        progress?.add(bytes: batch.readBytes, lines: batch.numbers.count)
        // Told apart by folder, every line of the file has the same node: looked up once, at
        // the first line that parses (a file of rejected lines makes no node).
        var folderNode: NodeReplay?
        batch.arena.withUnsafeBytes { arena in
            for i in 0..<batch.numbers.count {
                let number = batch.numbers[i]
                switch batch.fates[i] {
                case .rejected:
                    account.reject(line: number, reason: batch.reasons[Int(batch.details[i])])
                    continue
                case .parsed, .matched:
                    break
                }
                let time = batch.times[i]
                account.parsed += 1
                if account.firstTime == nil { account.firstTime = time }
                if window.contains(time) { account.inWindow += 1 }
                let node: NodeReplay
                if !byVariable {
                    let found = folderNode ?? folderName.withUnsafeBytes { nodes.node(named: $0) }
                    folderNode = found
                    node = found
                } else {
                    let r = batch.nodeNames[i]
                    node = nodes.node(named: UnsafeRawBufferPointer(rebasing: arena[Int(r.start)..<Int(r.start) + Int(r.count)]))
                }
                let onTime = node.observe(time)
                if batch.fates[i] == .matched {
                    node.accept(batch.requests[Int(batch.details[i])], late: !onTime)
                }
            }
        }
    }
}
