import CommsMapTestSupport
import Foundation
import ReportKit
import Testing

/// Headless Chromium, for the tests that open the HTML report in a real browser.
enum Chromium {
    /// Debian's `chromium` (or `chromium-browser`) on PATH, or nil.
    static let executable: URL? = ProcessRunner.which("chromium") ?? ProcessRunner.which("chromium-browser")

    /// Flags for a quiet, repeatable run: no sandbox (CI runs as root), no GPU, and as
    /// little of the browser's own background traffic as it allows.
    static let flags = [
        "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
        "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--disable-extensions", "--disable-default-apps", "--no-pings",
        "--disable-domain-reliability", "--disable-features=Translate,OptimizationHints,MediaRouter",
    ]

    /// Runs Chromium on `page` with `arguments`, in a profile of its own under
    /// `directory`, stopped after two minutes by `timeout(1)` if it hangs.
    static func run(_ arguments: [String], page: URL, in directory: TemporaryDirectory) throws -> ProcessResult {
        let chromium = try #require(executable)
        let profile = directory.path("profile-\(UUID().uuidString)").path
        let all = flags + ["--user-data-dir=\(profile)"] + arguments + [page.absoluteString]
        if let timeout = ProcessRunner.which("timeout") {
            return try ProcessRunner.run(timeout, ["120", chromium.path] + all)
        }
        return try ProcessRunner.run(chromium, all)
    }

    /// The width and height in a PNG's IHDR chunk, or nil when `data` is not a PNG.
    static func pngSize(_ data: Data) -> (width: Int, height: Int)? {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
            bytes[12..<16] == [0x49, 0x48, 0x44, 0x52]
        else { return nil }
        func int(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (int(16), int(20))
    }

    /// The URLs the page itself asked for, from a `--log-net-log` file.
    ///
    /// Chromium's own background requests (updates, accounts) carry the initiator `not an
    /// origin` and are left out; a request made for the page carries the page's origin
    /// (`null` for a file) and a network isolation key of `file://`.
    static func pageRequests(netLog: Data) throws -> [String] {
        let log = try #require(
            try JSONSerialization.jsonObject(with: netLog) as? [String: Any], "the net log is not JSON")
        let constants = try #require(log["constants"] as? [String: Any])
        let types = try #require(constants["logEventTypes"] as? [String: Int])
        let startJob = try #require(types["URL_REQUEST_START_JOB"])
        var urls: [String] = []
        for event in log["events"] as? [[String: Any]] ?? [] where event["type"] as? Int == startJob {
            guard let params = event["params"] as? [String: Any], let url = params["url"] as? String else { continue }
            let initiator = params["initiator"] as? String ?? "not an origin"
            let isolation = params["network_isolation_key"] as? String ?? ""
            if initiator != "not an origin" || isolation.contains("file://") { urls.append(url) }
        }
        return urls
    }
}

/// The HTML report in headless Chromium: it renders (a screenshot well above a blank
/// page), the heat map is in the DOM with a cell per network × purpose, and the page asks
/// the network for nothing.
@Suite(
    .serialized,
    .enabled(
        if: Chromium.executable != nil,
        "chromium is not installed: apt-get install -y chromium to run the browser tests (CI installs it in .ci/run)"))
struct ReportBrowserTests {
    static let window = ["--window-size=1280,2000"]

    @Test func theReportRendersWithItsHeatMapAndFetchesNothing() throws {
        let directory = try TemporaryDirectory(prefix: "commsmap-browser")
        let report = try ReportFixtures.bundled()
        let page = try directory.write("report.html", ReportRenderer(format: .html).render(report))
        let blank = try directory.write("blank.html", "<!DOCTYPE html><html><body></body></html>\n")

        // Screenshot, with every network request logged.
        let shot = directory.path("report.png")
        let netLog = directory.path("net-log.json")
        let run = try Chromium.run(
            Self.window + ["--screenshot=\(shot.path)", "--log-net-log=\(netLog.path)"], page: page, in: directory)
        #expect(run.status == 0, "chromium: \(run.stderrText.suffix(2000))")
        let png = try Data(contentsOf: shot)
        let size = try #require(Chromium.pngSize(png), "the screenshot is not a PNG")
        #expect(size.width == 1280 && size.height == 2000)
        let blankShot = directory.path("blank.png")
        _ = try Chromium.run(Self.window + ["--screenshot=\(blankShot.path)"], page: blank, in: directory)
        let blankSize = try Data(contentsOf: blankShot).count
        #expect(png.count > 10 * blankSize, "screenshot \(png.count) bytes, a blank page \(blankSize)")
        // Keep the screenshot for a person to look at.
        if let keep = ProcessInfo.processInfo.environment["COMMSMAP_KEEP_SCREENSHOT"] {
            try png.write(to: URL(fileURLWithPath: keep))
        }

        let requests = try Chromium.pageRequests(netLog: try Data(contentsOf: netLog))
        #expect(requests.filter { $0 != page.absoluteString } == [], "the report made network requests")

        // The DOM as rendered: the heat map with one cell per network × purpose.
        let dom = try Chromium.run(["--dump-dom"], page: page, in: directory)
        #expect(dom.status == 0)
        let html = dom.stdoutText
        #expect(html.contains(#"<table class="heatmap" id="heatmap">"#))
        let cells = try FormatParsers.matches(
            #"<td class="cell st-[a-z-]+" data-network="([^"]+)" data-purpose="([^"]+)" data-status="([a-z-]+)""#,
            in: html)
        let expected = report.coverage.networks.flatMap { network in
            report.coverage.purposes.map { "\(network.id)/\($0.id)" }
        }
        #expect(cells.map { "\($0[0])/\($0[1])" } == expected)
        #expect(expected.count == report.coverage.networks.count * report.coverage.purposes.count)
        let statuses = Dictionary(uniqueKeysWithValues: cells.map { ("\($0[0])/\($0[1])", $0[2]) })
        for cell in report.coverage.cells {
            #expect(statuses["\(cell.network)/\(cell.purpose)"] == cell.status)
        }
    }

    /// The request check sees what a page fetches: a page with an image on a local port
    /// is caught (nothing listens there, so no traffic leaves the machine).
    @Test func aPageThatFetchesSomethingIsCaught() throws {
        let directory = try TemporaryDirectory(prefix: "commsmap-browser")
        let page = try directory.write(
            "fetching.html", #"<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/probe.png"></body></html>"#)
        let netLog = directory.path("net-log.json")
        let run = try Chromium.run(
            Self.window + ["--screenshot=\(directory.path("fetching.png").path)", "--log-net-log=\(netLog.path)"],
            page: page, in: directory)
        #expect(run.status == 0)
        let requests = try Chromium.pageRequests(netLog: try Data(contentsOf: netLog))
        #expect(requests.contains("http://127.0.0.1:9/probe.png"))
    }
}
