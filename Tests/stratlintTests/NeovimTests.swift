import Foundation
import Testing
import TestSupport

/// A real editor drives `stratlint lsp`: Neovim, headless, with its built-in LSP client
/// (0.7's `vim.lsp.start_client`, which later versions keep), on the example
/// organisation; the diagnostics it shows are read back and compared with `check`'s.
@Suite("Neovim")
struct NeovimTests {
    static let script = """
    local root, out = vim.env.STRATLINT_ROOT, vim.env.STRATLINT_OUT
    vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/strategy.yaml'))
    local buf = vim.api.nvim_get_current_buf()
    local id = vim.lsp.start_client({ name = 'stratlint', cmd = { vim.env.STRATLINT_BIN, 'lsp', '--today', '2026-11-22' }, root_dir = root })
    vim.lsp.buf_attach_client(buf, id)
    local ok = vim.wait(180000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
    local result = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or ''
      table.insert(result, { line = d.lnum, col = d.col, code = code, message = d.message })
    end
    local f = io.open(out, 'w')
    f:write(vim.fn.json_encode({ ok = ok, diagnostics = result }))
    f:close()
    vim.lsp.stop_client(id)
    vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
    vim.cmd('qa!')
    """

    @Test(Needs.neovim) func neovimShowsChecksFindings() throws {
        let nvim = try #require(Needs.Tools.nvim, "Neovim is not installed")
        let folder = Repository.fixture("acme-retail")
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("stratlint-nvim-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let script = scratch.appendingPathComponent("drive.lua"), out = scratch.appendingPathComponent("diagnostics.json")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        let run = try CLI.spawn(["--headless", "--clean", "-u", "NONE", "-c", "luafile \(script.path)"],
                                binary: URL(fileURLWithPath: nvim), in: scratch,
                                environment: ["STRATLINT_ROOT": folder.path, "STRATLINT_OUT": out.path, "STRATLINT_BIN": CLI.binary.path])
        #expect(run.status == 0, "\(run.stderr)")
        let shown = try JSONSerialization.jsonObject(with: Data(contentsOf: out)) as? [String: Any]
        #expect(shown?["ok"] as? Bool == true, "Neovim saw no diagnostics within three minutes")
        let diagnostics = (shown?["diagnostics"] as? [[String: Any]] ?? []).map { d in
            "\(d["code"] as? String ?? "-") \(d["line"] as? Int ?? -1):\(d["col"] as? Int ?? -1) \(d["message"] as? String ?? "")"
        }.sorted()
        let check = try CLI.spawn(["check", "--format", "json", "--today", "2026-11-22"], in: folder)
        let report = try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any]
        // The fixture is ASCII: Neovim's byte columns, UTF-16 units and code points agree.
        let expected = (report?["findings"] as? [[String: Any]] ?? []).filter { $0["file"] as? String == "strategy.yaml" }.map { f in
            "\(f["ruleId"] as? String ?? "") \((f["line"] as? Int ?? 0) - 1):\((f["column"] as? Int ?? 0) - 1) \(f["message"] as? String ?? "")"
        }.sorted()
        #expect(!expected.isEmpty)
        #expect(diagnostics == expected)
    }
}
