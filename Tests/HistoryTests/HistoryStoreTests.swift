import Audit
import Engine
import Foundation
@testable import History
import Testing
import YAML

@Suite("Audit history")
struct HistoryStoreTests {
    let path: String

    init() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        path = dir.appendingPathComponent("history.sqlite").path
    }

    private func record(_ date: String, score: Int, commit: String? = "abc123") -> AuditRecord {
        AuditRecord(date: CivilDate(iso: date)!, commit: commit, score: score, findings: 100 - score,
                    pitfalls: ["vague-goals": Audit.Counts(errors: 1, warnings: score / 10, infos: 0)],
                    metrics: ["measurable-goals": AuditRecord.Tally(holds: score / 20, total: 5)], version: "0.1.0", rulesDigest: "d1")
    }

    @Test func recordsAndReadsBack() throws {
        let store = try HistoryStore(path: path)
        #expect(try store.version() == HistoryStore.schemaVersion)
        let records = [record("2026-05-01", score: 40), record("2026-08-01", score: 55, commit: nil), record("2026-11-22", score: 62)]
        for r in records.reversed() { try store.record(r) }
        #expect(try store.all() == records)
        // Reopened: the same series.
        #expect(try HistoryStore(path: path).all() == records)
    }

    /// The same date and commit again is the same audit run again: it replaces the record.
    @Test func sameDateAndCommitReplaces() throws {
        let store = try HistoryStore(path: path)
        try store.record(record("2026-11-22", score: 50))
        try store.record(record("2026-11-22", score: 62))
        try store.record(record("2026-11-22", score: 70, commit: "def456"))
        #expect(try store.all().map(\.score) == [62, 70])
    }

    /// A database of schema version 1 (no evidence columns) is upgraded when opened, and
    /// keeps its records.
    @Test func upgradesFromVersionOne() throws {
        let old = try HistoryStore(path: path, upTo: 1)
        #expect(try old.version() == 1)
        try old.execute("""
            INSERT INTO audits (id, date, git_commit, score, findings) VALUES (1, '2026-01-15', 'c0ffee', 35, 40);
            INSERT INTO audit_metrics VALUES (1, 'measurable-goals', 2, 5);
            INSERT INTO audit_pitfalls VALUES (1, 'vague-goals', 2, 3, 0);
            """)
        let upgraded = try HistoryStore(path: path)
        #expect(try upgraded.version() == 2)
        let first = try #require(try upgraded.all().first)
        #expect(first.date == CivilDate(iso: "2026-01-15") && first.commit == "c0ffee" && first.score == 35 && first.findings == 40)
        #expect(first.version == nil && first.rulesDigest == nil)
        #expect(first.metrics["measurable-goals"] == AuditRecord.Tally(holds: 2, total: 5))
        #expect(first.pitfalls["vague-goals"] == Audit.Counts(errors: 2, warnings: 3, infos: 0))
        // New records carry the evidence columns.
        try upgraded.record(record("2026-11-22", score: 62))
        #expect(try upgraded.all().last?.rulesDigest == "d1")
    }

    @Test func refusesWhatItCannotRead() throws {
        try "kind: Strategy\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try HistoryStore(path: path)
        } throws: { "\($0)".contains("\(path) is not a stratlint history") }
        try FileManager.default.removeItem(atPath: path)
        try HistoryStore(path: path).execute("PRAGMA user_version = 99")
        #expect {
            _ = try HistoryStore(path: path)
        } throws: { "\($0)".contains("has schema version 99, newer than this stratlint's 2") }
    }
}
