import CSQLite
import Audit
import Engine
import Foundation
import YAML

/// The audit history: a SQLite database (one file, no server) of recorded audits, with
/// a versioned schema (`PRAGMA user_version`). Opening an older database upgrades it in
/// one transaction; a newer one is refused. docs/audit.md describes the tables.
public final class HistoryStore {
    /// Why the history could not be read or written, for the user: names the file.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// The schema, one step per version: step `i` takes a database from version `i` to
    /// `i + 1`. Never edit a step that has shipped; add one.
    static let migrations: [String] = [
        // 1: audits, their metrics and their counts per pitfall.
        """
        CREATE TABLE audits (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL,
            git_commit TEXT,
            score INTEGER NOT NULL,
            findings INTEGER NOT NULL
        );
        CREATE UNIQUE INDEX audits_date_commit ON audits (date, ifnull(git_commit, ''));
        CREATE TABLE audit_metrics (
            audit INTEGER NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
            metric TEXT NOT NULL,
            holds INTEGER NOT NULL,
            total INTEGER NOT NULL,
            PRIMARY KEY (audit, metric)
        );
        CREATE TABLE audit_pitfalls (
            audit INTEGER NOT NULL REFERENCES audits (id) ON DELETE CASCADE,
            pitfall TEXT NOT NULL,
            errors INTEGER NOT NULL,
            warnings INTEGER NOT NULL,
            infos INTEGER NOT NULL,
            PRIMARY KEY (audit, pitfall)
        );
        """,
        // 2: what made each audit, for the evidence.
        """
        ALTER TABLE audits ADD COLUMN stratlint_version TEXT;
        ALTER TABLE audits ADD COLUMN rules_digest TEXT;
        """,
    ]

    /// The schema version this stratlint writes.
    public static var schemaVersion: Int { migrations.count }

    private let db: OpaquePointer
    private let path: String

    /// Opens (creating it if needed) the history at `path` and brings its schema up to
    /// `version` (the current one unless a test asks for an older one).
    public init(path: String, upTo version: Int = HistoryStore.schemaVersion) throws {
        self.path = path
        try Self.refuseNonDatabase(path)
        var handle: OpaquePointer?
        let status = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let handle else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(status))
            sqlite3_close(handle)
            throw Failure(description: "cannot open the history \(path): \(reason)")
        }
        db = handle
        sqlite3_busy_timeout(db, Self.busyMilliseconds)
        do {
            try execute("PRAGMA foreign_keys = ON")
            try migrate(to: version)
        } catch {
            sqlite3_close(db)
            throw error
        }
    }

    deinit { sqlite3_close(db) }

    /// The schema version of the open database.
    public func version() throws -> Int {
        try query("PRAGMA user_version") { Int(sqlite3_column_int64($0, 0)) }.first ?? 0
    }

    /// How long a write waits for another process's lock on the history.
    static let busyMilliseconds: Int32 = 5_000

    /// Refuses a file that exists, is not empty and is not a SQLite database (a linted
    /// document, a report) before SQLite may touch it. An empty file is a new history.
    static func refuseNonDatabase(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else {
            if errno == ENOENT { return }
            throw Failure(description: "cannot open the history \(path): \(String(cString: strerror(errno)).lowercased())")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            throw Failure(description: "the history \(path) is not a regular file; give a file path to --history")
        }
        guard info.st_size > 0 else { return }
        var header = [UInt8](repeating: 0, count: 16)
        let n = read(fd, &header, 16)
        guard n == 16, header == Array("SQLite format 3\0".utf8) else {
            throw Failure(description: "\(path) is not a stratlint history (it is not a SQLite database), so it is left as it is; give a new path to --history")
        }
    }

    /// Brings the schema up to `target`. Creation and each upgrade happen in one write
    /// transaction that reads the version again once it holds the lock: a concurrent
    /// audit that created or upgraded the history meanwhile is simply found done.
    private func migrate(to target: Int) throws {
        let current = try checkedVersion()
        guard current < target else { return }
        try transaction {
            let now = try checkedVersion()
            guard now < target else { return }
            for step in now..<target { try execute(Self.migrations[step]) }
            try execute("PRAGMA user_version = \(target)")
        }
    }

    /// The schema version, after checking that the database is a stratlint history: a
    /// SQLite database of another program (tables, no version) is refused, untouched,
    /// and so is a newer schema.
    private func checkedVersion() throws -> Int {
        let current = try version()
        guard current <= Self.schemaVersion else {
            throw Failure(description: "the history \(path) has schema version \(current), newer than this stratlint's \(Self.schemaVersion); use a newer stratlint")
        }
        let tables = Set(try query("SELECT name FROM sqlite_master WHERE type = 'table'") { Self.text($0, 0) ?? "" })
        let ours = current == 0 ? tables.isEmpty : tables.contains("audits")
        guard ours else {
            throw Failure(description: "\(path) is a SQLite database but not a stratlint history, so it is left as it is; give a new path to --history")
        }
        return current
    }

    /// Records `record`, replacing an earlier record of the same date and commit (the same
    /// audit run again), in one transaction.
    public func record(_ record: AuditRecord) throws {
        try transaction {
            try run("DELETE FROM audits WHERE date = ? AND ifnull(git_commit, '') = ?", [.text(record.date.description), .text(record.commit ?? "")])
            try run("INSERT INTO audits (date, git_commit, score, findings, stratlint_version, rules_digest) VALUES (?, ?, ?, ?, ?, ?)",
                    [.text(record.date.description), record.commit.map(Bind.text) ?? .null, .int(record.score), .int(record.findings),
                     record.version.map(Bind.text) ?? .null, record.rulesDigest.map(Bind.text) ?? .null])
            let id = Int(sqlite3_last_insert_rowid(db))
            for (metric, counts) in record.metrics.sorted(by: { $0.key < $1.key }) {
                try run("INSERT INTO audit_metrics (audit, metric, holds, total) VALUES (?, ?, ?, ?)",
                        [.int(id), .text(metric), .int(counts.holds), .int(counts.total)])
            }
            for (pitfall, c) in record.pitfalls.sorted(by: { $0.key < $1.key }) {
                try run("INSERT INTO audit_pitfalls (audit, pitfall, errors, warnings, infos) VALUES (?, ?, ?, ?, ?)",
                        [.int(id), .text(pitfall), .int(c.errors), .int(c.warnings), .int(c.infos)])
            }
        }
    }

    /// Every recorded audit, oldest first (by date, then by when it was recorded).
    public func all() throws -> [AuditRecord] {
        var metrics: [Int: [String: AuditRecord.Tally]] = [:]
        for (id, metric, holds, total) in try query("SELECT audit, metric, holds, total FROM audit_metrics", [], { s in
            (Int(sqlite3_column_int64(s, 0)), Self.text(s, 1) ?? "", Int(sqlite3_column_int64(s, 2)), Int(sqlite3_column_int64(s, 3)))
        }) { metrics[id, default: [:]][metric] = AuditRecord.Tally(holds: holds, total: total) }
        var pitfalls: [Int: [String: Audit.Counts]] = [:]
        for (id, pitfall, counts) in try query("SELECT audit, pitfall, errors, warnings, infos FROM audit_pitfalls", [], { s in
            (Int(sqlite3_column_int64(s, 0)), Self.text(s, 1) ?? "",
             Audit.Counts(errors: Int(sqlite3_column_int64(s, 2)), warnings: Int(sqlite3_column_int64(s, 3)), infos: Int(sqlite3_column_int64(s, 4))))
        }) { pitfalls[id, default: [:]][pitfall] = counts }
        let hasEvidence = try version() >= 2
        let sql = "SELECT id, date, git_commit, score, findings\(hasEvidence ? ", stratlint_version, rules_digest" : "") FROM audits ORDER BY date, id"
        return try query(sql) { s -> AuditRecord? in
            let id = Int(sqlite3_column_int64(s, 0))
            guard let date = Self.text(s, 1).flatMap({ CivilDate(iso: $0) }) else { return nil }
            return AuditRecord(date: date, commit: Self.text(s, 2), score: Int(sqlite3_column_int64(s, 3)), findings: Int(sqlite3_column_int64(s, 4)),
                               pitfalls: pitfalls[id] ?? [:], metrics: metrics[id] ?? [:],
                               version: hasEvidence ? Self.text(s, 5) : nil, rulesDigest: hasEvidence ? Self.text(s, 6) : nil)
        }.compactMap { $0 }
    }

    // MARK: SQLite

    enum Bind {
        case text(String), int(Int), null
    }

    private func transaction(_ body: () throws -> Void) throws {
        try execute("BEGIN IMMEDIATE")
        do {
            try body()
            try execute("COMMIT")
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(db, sql, nil, nil, &message) == SQLITE_OK else {
            let reason = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(db))
            sqlite3_free(message)
            throw failure(reason)
        }
    }

    private func prepare(_ sql: String, _ binds: [Bind]) throws -> OpaquePointer {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw failure(String(cString: sqlite3_errmsg(db)))
        }
        for (i, bind) in binds.enumerated() {
            let index = Int32(i + 1)
            switch bind {
            case .text(let s): sqlite3_bind_text(statement, index, s, -1, Self.transient)
            case .int(let n): sqlite3_bind_int64(statement, index, Int64(n))
            case .null: sqlite3_bind_null(statement, index)
            }
        }
        return statement
    }

    private func run(_ sql: String, _ binds: [Bind]) throws {
        let statement = try prepare(sql, binds)
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_DONE else {
            throw failure(String(cString: sqlite3_errmsg(db)))
        }
    }

    private func query<T>(_ sql: String, _ binds: [Bind] = [], _ row: (OpaquePointer) -> T) throws -> [T] {
        let statement = try prepare(sql, binds)
        defer { sqlite3_finalize(statement) }
        var rows: [T] = []
        while true {
            switch sqlite3_step(statement) {
            case SQLITE_ROW: rows.append(row(statement))
            case SQLITE_DONE: return rows
            default: throw failure(String(cString: sqlite3_errmsg(db)))
            }
        }
    }

    /// SQLite's error as the user reads it; a lock held longer than the wait says so.
    private func failure(_ reason: String) -> Failure {
        switch sqlite3_errcode(db) & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return Failure(description: "the history \(path) is locked by another process (waited \(Self.busyMilliseconds / 1000) s); try again when it is done")
        case SQLITE_NOTADB:
            return Failure(description: "\(path) is not a stratlint history (\(reason)), so it is left as it is; give a new path to --history")
        default:
            return Failure(description: "the history \(path): \(reason)")
        }
    }

    private static func text(_ statement: OpaquePointer, _ column: Int32) -> String? {
        sqlite3_column_text(statement, column).map { String(cString: $0) }
    }

    /// SQLITE_TRANSIENT: SQLite copies the bound text.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
