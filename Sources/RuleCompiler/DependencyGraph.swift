/// The pack-level lets as a graph (`edges[g]`: the lets `g` reads), worked in linear
/// time: a pack may hold tens of thousands of lets, and a search from each one, or a
/// pass over all of them per wave, would be quadratic.
enum DependencyGraph {
    /// Each group of nodes that reach one another (or a node that reads itself), its
    /// members in ascending order, the groups ordered by their first member.
    static func cycles(_ edges: [Set<Int>]) -> [[Int]] {
        let n = edges.count
        var index = [Int](repeating: -1, count: n), low = [Int](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int] = []
        var next = 0
        var cycles: [[Int]] = []
        let sorted = edges.map { $0.sorted() }
        for root in 0..<n where index[root] < 0 {
            // Each frame: a node and how many of its edges are done.
            var frames: [(node: Int, edge: Int)] = [(root, 0)]
            index[root] = next; low[root] = next; next += 1
            stack.append(root); onStack[root] = true
            while let (v, e) = frames.last {
                if e < sorted[v].count {
                    frames[frames.count - 1].edge += 1
                    let w = sorted[v][e]
                    guard w < n else { continue }
                    if index[w] < 0 {
                        index[w] = next; low[w] = next; next += 1
                        stack.append(w); onStack[w] = true
                        frames.append((w, 0))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.node { low[parent] = min(low[parent], low[v]) }
                guard low[v] == index[v] else { continue }
                var component: [Int] = []
                while let w = stack.popLast() {
                    onStack[w] = false
                    component.append(w)
                    if w == v { break }
                }
                if component.count > 1 || edges[v].contains(v) { cycles.append(component.sorted()) }
            }
        }
        return cycles.sorted { $0[0] < $1[0] }
    }

    /// The lets of each wave, in order: a let's wave is one past the latest wave of what
    /// it reads, so each wave needs only earlier ones (Kahn's order). Lets on a cycle,
    /// which the compiler refuses, come last, in one wave.
    static func waves(_ edges: [Set<Int>]) -> [[Int]] {
        let n = edges.count
        var readers = [[Int]](repeating: [], count: n)
        var waiting = [Int](repeating: 0, count: n)
        for (g, deps) in edges.enumerated() {
            for d in deps where d < n && d != g {
                readers[d].append(g)
                waiting[g] += 1
            }
        }
        var level = [Int](repeating: 0, count: n)
        var ready = (0..<n).filter { waiting[$0] == 0 && !edges[$0].contains($0) }
        var done = [Bool](repeating: false, count: n)
        var head = 0
        while head < ready.count {
            let g = ready[head]
            head += 1
            done[g] = true
            for r in readers[g] {
                level[r] = max(level[r], level[g] + 1)
                waiting[r] -= 1
                if waiting[r] == 0, !edges[r].contains(r) { ready.append(r) }
            }
        }
        var out = [[Int]](repeating: [], count: (level.max() ?? -1) + 1)
        for g in 0..<n where done[g] { out[level[g]].append(g) }
        let stuck = (0..<n).filter { !done[$0] }
        return out + (stuck.isEmpty ? [] : [stuck])
    }
}
