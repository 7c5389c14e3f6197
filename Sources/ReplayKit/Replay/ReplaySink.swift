/// Takes the lines of one file: accounts for each, and hands matched requests to their node.
struct ReplaySink: LineSink {
    let matcher: RequestMatcher
    let window: Window
    var nodes: NodeTable
    let file: Int
    let byVariable: Bool
    var account: InputAccount
    var sequence: Int
    let progress: ProgressCounter?
    private var pendingLines = 0
    private var pendingBytes = 0
    /// The node of every line when nodes are told apart by folder.
    private let folderName: [UInt8]

    init(matcher: RequestMatcher, window: Window, nodes: NodeTable, file: Int, byVariable: Bool, folderNode: String,
         account: InputAccount, sequence: Int, progress: ProgressCounter?) {
        self.matcher = matcher
        self.window = window
        self.nodes = nodes
        self.file = file
        self.byVariable = byVariable
        self.account = account
        self.sequence = sequence
        self.progress = progress
        folderName = Array(folderNode.utf8)
    }

    mutating func line(_ bytes: UnsafeRawBufferPointer, number: Int) {
        pendingLines += 1
        if pendingLines >= 8192 { flushProgress() }
        if let rejection = matcher.read(bytes) {
            account.reject(line: number, reason: rejection.description)
            return
        }
        let time = matcher.time
        account.parsed += 1
        if account.firstTime == nil { account.firstTime = time }
        if window.contains(time) { account.inWindow += 1 }
        let node = byVariable ? matcher.withNodeName(bytes) { nodes.node(named: $0) }
                              : folderName.withUnsafeBytes { nodes.node(named: $0) }
        let onTime = node.observe(time)
        sequence += 1
        if let request = matcher.match(bytes, file: file, lineNumber: number, sequence: sequence) {
            node.accept(request, late: !onTime)
        }
    }

    mutating func oversizedLine(number: Int, length: Int) {
        pendingLines += 1
        account.reject(line: number, reason: "line of \(length) bytes is longer than the limit")
    }

    mutating func readBytes(_ count: Int) {
        pendingBytes += count
    }

    mutating func flushProgress() {
        progress?.add(bytes: pendingBytes, lines: pendingLines)
        pendingBytes = 0
        pendingLines = 0
    }
}
