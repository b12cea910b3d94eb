import Foundation
import YAML

/// Each file's loaded documents, kept between runs so that a file that did not change
/// is not parsed again (the pre-commit case: one changed file, a workspace of unchanged
/// ones). See docs/configuration.md, "The load cache", and docs/performance.md.
///
/// - **Where:** `.git/stratlint-cache/` of the repository that holds the workspace.
///   Inside `.git`, nothing in it can come from a commit or a pull request: a cache
///   entry is never input an author of the checked files could write. Outside a git
///   repository, where `.git` is a file (a worktree), or where the cache folder is a
///   link, there is no cache.
/// - **One entry per file**, named by the SHA-256 of its absolute path. The entry holds
///   the file's bytes as they were parsed, and is used only when they equal the bytes
///   read now (compared whole: no hash can collide), and when its salt equals this
///   run's: stratlint's version, the cache format, the running executable's size and
///   modification time (a rebuilt or reinstalled stratlint never trusts an older entry)
///   and the load limits.
/// - **Bounded:** an edited file replaces its entry; when a run writes entries and the
///   folder holds more than ``maxEntries(files:)``, the entries this run did not use
///   (files deleted, renamed, or of another workspace) are removed.
/// - **Safe to delete**, and best effort: an entry that cannot be read or decoded is a
///   miss, and a failed write is ignored. `--no-cache` neither reads nor writes it.
public struct LoadCache: Sendable {
    /// The folder of the entries.
    public let folder: String
    /// Leads every entry (see the type's comment).
    let header: [UInt8]

    /// Bumped whenever the loader or ``ValueCodec`` would make different values from
    /// the same bytes.
    static let format = 2

    /// The cache of the git repository that holds `directory`, or nil.
    public static func forRepository(holding directory: String, limits: LoadLimits) -> LoadCache? {
        guard let root = RepositoryRoot.enclosing(directory) else { return nil }
        let git = (root as NSString).appendingPathComponent(".git")
        var info = stat()
        guard lstat(git, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { return nil }
        let folder = (git as NSString).appendingPathComponent("stratlint-cache")
        // A folder of its own or nothing yet: never a link, through which entries would
        // be written, and pruned, elsewhere.
        if lstat(folder, &info) == 0, info.st_mode & S_IFMT != S_IFDIR { return nil }
        return LoadCache(folder: folder, limits: limits)
    }

    init(folder: String, limits: LoadLimits) {
        self.folder = folder
        var salt = "stratlint \(stratlintVersion) cache \(Self.format) depth \(limits.maxDepth) aliases \(limits.maxAliasExpansion)"
        // The executable by the path it was started from (under valgrind, /proc/self/exe
        // itself names the tool).
        if let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var exe = stat()
            if stat(executable, &exe) == 0 {
                salt += " exe \(exe.st_size) \(exe.st_mtim.tv_sec).\(exe.st_mtim.tv_nsec) \(exe.st_ino)"
            }
        }
        header = Array("stratlint-cache\n\(salt)\n".utf8)
    }

    /// The key of `file`'s entry: 64 hex digits.
    func key(of file: SourceFile) -> String {
        SHA256.hex(Array((file.absolutePath ?? file.path).utf8))
    }

    /// The documents stored for `file` under `key`, with positions in `file`; nil when
    /// there is none, it was made from other bytes or by another build, or it cannot be
    /// read.
    func documents(for file: SourceFile, key: String) -> [ValueSink.Tree]? {
        guard case .bytes(let entry, _) = FileReader.read(entryPath(key), maxSize: Self.maxEntrySize) else { return nil }
        let source = file.bytes.count
        let start = header.count + 8
        guard entry.count >= start + source, entry[..<header.count].elementsEqual(header) else { return nil }
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(entry[header.count + i]) << UInt64(8 * i) }
        guard length == UInt64(source) else { return nil }
        return entry.withUnsafeBytes { bytes -> [ValueSink.Tree]? in
            let parsed = UnsafeRawBufferPointer(rebasing: bytes[start..<start + source])
            let same = file.bytes.withUnsafeBytes { now in
                guard let a = parsed.baseAddress, let b = now.baseAddress else { return source == 0 }
                return memcmp(a, b, source) == 0
            }
            guard same else { return nil }
            return ValueCodec.decode(UnsafeRawBufferPointer(rebasing: bytes[(start + source)...]), file: file.id)
        }
    }

    /// Stores `documents`, loaded from `file`, under `key`; false when they were not
    /// written.
    ///
    /// A temporary file renamed into place, as ``AtomicFile`` does, but without its
    /// `fsync` and its process-wide lock: every loading thread stores at once, and an
    /// entry torn by a power cut is only a miss (its length or its values do not read).
    @discardableResult
    func store(_ documents: [ValueSink.Tree], of file: SourceFile, key: String) -> Bool {
        guard let values = ValueCodec.encode(documents, sizeHint: file.bytes.count + file.bytes.count / 2),
              header.count + 8 + file.bytes.count + values.count <= Self.maxEntrySize else { return false }
        var prefix = header
        withUnsafeBytes(of: UInt64(file.bytes.count).littleEndian) { prefix.append(contentsOf: $0) }
        if mkdir(folder, 0o755) != 0, errno != EEXIST { return false }
        let temporary = (folder as NSString).appendingPathComponent(".\(key).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return false }
        let failed = [prefix, file.bytes, values].contains { AtomicFile.writeAll($0, to: fd) != nil }
        guard close(fd) == 0, !failed, rename(temporary, entryPath(key)) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }

    /// Keeps the folder bounded after a run that wrote entries: when it holds more than
    /// ``maxEntries(files:)``, every entry not in `used` (and any temporary file a killed
    /// run left) is removed.
    func prune(keeping used: Set<String>) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder),
              names.count > Self.maxEntries(files: used.count) else { return }
        for name in names {
            // Only what a run writes: `KEY.values`, and `.KEY.PID.N.tmp` left by a killed
            // run; anything else in the folder is not the cache's to remove.
            let parts = name.split(separator: ".", omittingEmptySubsequences: false)
            let entry = parts.count == 2 && parts[1] == "values" && Self.isKey(parts[0])
            let leftover = parts.count == 5 && parts[0].isEmpty && Self.isKey(parts[1]) && parts[4] == "tmp"
                && parts[2].utf8.allSatisfy { (0x30...0x39).contains($0) } && parts[3].utf8.allSatisfy { (0x30...0x39).contains($0) }
            guard leftover || (entry && !used.contains(String(parts[0]))) else { continue }
            unlink((folder as NSString).appendingPathComponent(name))
        }
    }

    /// Whether `text` is a key: 64 lower-case hex digits.
    private static func isKey(_ text: Substring) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    /// How many entries the folder may hold before a run prunes it: room for every file
    /// of the workspace twice, and never fewer than 1,024.
    static func maxEntries(files: Int) -> Int { max(1024, 2 * files) }

    /// The largest entry read or written: the file's bytes and its values, for files of
    /// up to 64 MB (the default largest file).
    static let maxEntrySize = 512 << 20

    private func entryPath(_ key: String) -> String {
        (folder as NSString).appendingPathComponent(key + ".values")
    }
}
