import RuleCompiler
import RuleLanguage
import YAML

/// A long list of maps (a file of 1,000 systems is one document) is walked in parts on
/// every core. The result is the walk's, to the byte: each part is walked as the
/// whole walk would walk it, and the parts are settled in order, where the did-you-mean
/// searches they leave (``DocumentWalk/Pending``) spend the document's one budget as
/// the whole walk would have.
extension DocumentWalk {
    /// Lists of at least ``DocumentCheck/longList`` maps are walked in parts of this
    /// many items.
    static let partSize = 256

    mutating func checkInParts(_ l: ListValue, as field: FieldSchema, item: FieldType, owner: Owner) -> Value {
        let parts = stride(from: 0, to: l.items.count, by: Self.partSize).map { $0..<min($0 + Self.partSize, l.items.count) }
        let (resolver, fiscalYearStart, document, comments) = (self.resolver, self.fiscalYearStart, self.document, self.comments)
        let walked = ParallelMap.map(parts) { part -> (walk: DocumentWalk, changed: [(Int, Value)]) in
            var walk = DocumentWalk(resolver: resolver, fiscalYearStart: fiscalYearStart, comments: comments)
            walk.isPart = true
            walk.document = document
            let changed = walk.checkItems(part, of: l, as: field, item: item, owner: owner)
            return (walk, changed)
        }
        for (walk, _) in walked {
            settle(walk.problems)
            changed = changed || walk.changed
        }
        return Self.replacing(walked.flatMap(\.changed), in: l)
    }

    /// Adds a part's problems, doing the did-you-mean searches they wait for in order.
    mutating func settle(_ found: [Problem]) {
        for problem in found {
            switch problem.pending {
            case nil:
                problems.append(problem)
            case .field(let name, let schema, let owner, let map, let mapRange)?:
                if let settled = misspelt(name, in: schema, owner: owner, at: problem.range, in: map, at: mapRange) { problems.append(settled) }
            case .reference(let occurrence)?:
                resolve(occurrence, at: problem.range)
            }
        }
    }
}
