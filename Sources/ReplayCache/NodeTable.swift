import ReplayIncident

/// The nodes of one replay group, by name (the last one looked up is kept at hand: lines of
/// one node come in runs).
package struct NodeTable {
    private let window: Window
    private let reorder: Int64
    private let viewerRules: [Bool]
    private let coverage: Coverage
    private let lists: SubjectLists
    private let uncertainty: Uncertainty
    private let ruleWindows: [Window]
    private var byName: [[UInt8]: NodeReplay] = [:]
    private var lastName: [UInt8] = []
    private var last: NodeReplay?
    /// The nodes there were at the checkpoint, while one is held.
    private var checkpointNames: [[UInt8]: NodeReplay]?

    package init(window: Window, reorder: Int64, coverage: Coverage, lists: SubjectLists, uncertainty: Uncertainty = .none,
                 ruleWindows: [Window] = [], viewerRules: [Bool] = []) {
        self.uncertainty = uncertainty
        self.ruleWindows = ruleWindows
        self.viewerRules = viewerRules
        self.window = window
        self.coverage = coverage
        self.lists = lists
        self.reorder = reorder
    }

    @inline(__always)
    package mutating func node(named bytes: UnsafeRawBufferPointer) -> NodeReplay {
        if let last, bytes.elementsEqual(lastName) { return last }
        let name = Array(bytes)
        let node: NodeReplay
        if let existing = byName[name] { node = existing } else {
            node = NodeReplay(name: String(decoding: name, as: UTF8.self), window: window, reorder: reorder, coverage: coverage, lists: lists, uncertainty: uncertainty,
                                ruleWindows: ruleWindows, viewerRules: viewerRules)
            byName[name] = node
        }
        lastName = name
        last = node
        return node
    }

    package var all: [NodeReplay] { Array(byName.values) }

    /// Every node takes a checkpoint; the table remembers which nodes it had.
    package mutating func takeCheckpoint() {
        for node in byName.values { node.takeCheckpoint() }
        checkpointNames = byName
    }

    package mutating func commit() {
        for node in byName.values { node.commit() }
        checkpointNames = nil
    }

    /// Back to the checkpoint: its nodes as they were, the nodes made since forgotten.
    package mutating func rollBack() {
        guard let kept = checkpointNames else { return }
        for node in kept.values { node.rollBack() }
        byName = kept
        last = nil
        lastName = []
        checkpointNames = nil
    }
}
