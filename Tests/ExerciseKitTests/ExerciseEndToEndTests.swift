import CommsMapTestSupport
import Foundation
import InventoryKit
import Testing

@testable import ExerciseKit

/// A whole exercise through the Kit: control and five teams, every channel of the CSIRTs
/// Network in the bundled inventory, every message opened and every receipt counted, the
/// report's figures checked against the scenario, and the evidence file loaded by the
/// inventory.
@Suite struct ExerciseEndToEndTests {
    /// The scenario: team i sends one message on each channel c (sorted by id) to the next
    /// team, and on the first channel (cerebrate) also to the team after that. The first recipient opens it
    /// (i + 1) minutes after it was sent, the second 2 (i + 1) minutes after.
    struct Run {
        let fixture: ExerciseFixture
        let channels: [String]
        var files: [(name: String, contents: [UInt8])] = []
        var receipts = 0
    }

    static func channelsOfTheCSIRTsNetwork() throws -> [String] {
        let result = try InventoryLoader.load(directory: TestPaths.repository("Inventory").path)
        let network = try #require(result.inventory?.network("csirts-network"))
        return network.uses.map(\.tool).sorted()
    }

    static func run() throws -> Run {
        let fixture = try ExerciseFixture()
        var run = Run(fixture: fixture, channels: try channelsOfTheCSIRTsNetwork())
        let ids = fixture.teams.map(\.team.rawValue)
        for (i, sender) in ids.enumerated() {
            for (c, channel) in run.channels.enumerated() {
                let recipients = [ids[(i + 1) % 5]] + (c == 0 ? [ids[(i + 2) % 5]] : [])
                let sent = ExerciseFixture.morning + TimeSpan.minutes(Int64(i * 5 + c) * 10)
                let (message, sealed) = try fixture.send(
                    from: sender, to: recipients, channel: channel, at: sent, body: "drill \(i) \(c)")
                run.files.append(("message-\(message.id).asc", sealed.armored))
                for (k, recipient) in recipients.enumerated() {
                    let opened = try fixture.open(
                        sealed.armored, as: recipient, at: sent + TimeSpan.minutes(Int64((k + 1) * (i + 1))))
                    #expect(opened.outcome.opened.message == message)
                    #expect(opened.outcome.opened.message.body == Array("drill \(i) \(c)".utf8))
                    #expect(opened.outcome.receipt.ciphertextSHA256 == sealed.ciphertextSHA256)
                    run.files.append(("receipt-\(message.id)-\(recipient).asc", opened.receipt.armored))
                    run.receipts += 1
                }
            }
        }
        return run
    }

    @Test func everyMessageDeliveredAndCounted() throws {
        let run = try Self.run()
        #expect(run.channels == ["cerebrate", "intelmq", "jitsi", "misp", "owncloud"])
        let auditor = try ExerciseAuditor(roster: run.fixture.roster, control: run.fixture.control)
        let report = auditor.report(run.files)

        #expect(report.files == FileCounts(read: 55, messages: 25, receipts: 30, failed: 0))
        #expect(report.problems.isEmpty)
        #expect(!report.hasFailedChecks)
        #expect(report.channels.map(\.key) == run.channels.sorted())

        let byChannel = Dictionary(uniqueKeysWithValues: report.channels.map { ($0.key, $0) })
        // cerebrate: latencies 1, 2, 3, 4, 5 and 2, 4, 6, 8, 10 minutes.
        let cerebrate = try #require(byChannel["cerebrate"])
        #expect((cerebrate.sent, cerebrate.delivered, cerebrate.deliveryRate) == (10, 10, 1.0))
        #expect(cerebrate.latency?.medianMinutes == 4.0)
        #expect(cerebrate.latency?.p95Minutes == 10.0)
        #expect(cerebrate.failures.isEmpty)
        // Every other channel: 1 … 5 minutes.
        for channel in run.channels.dropFirst() {
            let figures = try #require(byChannel[channel])
            #expect((figures.sent, figures.delivered, figures.deliveryRate) == (5, 5, 1.0))
            #expect(figures.latency?.medianMinutes == 3.0)
            #expect(figures.latency?.p95Minutes == 5.0)
            #expect(figures.lastDelivered?.dateText == "2026-10-07")
        }
        // All 30 deliveries: five each of 1 … 5 minutes, plus 6, 8 and 10 (and 2 and 4 again):
        // the 15th and 16th values are 3, the 29th is 8.
        #expect((report.total.sent, report.total.delivered) == (30, 30))
        #expect(report.total.latency?.medianMinutes == 3.0)
        #expect(report.total.latency?.p95Minutes == 8.0)

        #expect(report.pairs.count == 10)
        // cert-de (i = 0) to cert-es: five deliveries of 1 minute; cert-it (i = 4) to cert-es on
        // cerebrate only: one of 10 minutes.
        let pair = try #require(report.pairs.first { $0.from == "cert-de" && $0.to == "cert-es" })
        #expect((pair.sent, pair.delivered, pair.latency?.medianMinutes) == (5, 5, 1.0))
        let second = try #require(report.pairs.first { $0.from == "cert-it" && $0.to == "cert-es" })
        #expect((second.sent, second.delivered, second.latency?.medianMinutes) == (1, 1, 10.0))
    }

    @Test func journalsRecordEverything() throws {
        let run = try Self.run()
        for team in run.fixture.teams.map(\.team.rawValue) {
            let contents = try run.fixture.journal(team).read()
            #expect(contents.isIntact)
            let kinds = contents.entries.map(\.kind)
            #expect(kinds.prefix(2) == ["pin-control", "roster"])
            #expect(kinds.filter { $0 == "open" }.count == kinds.filter { $0 == "receipt" }.count)
            #expect(contents.pinnedControlKey == run.fixture.control.card.minisignPublicKey.base64)
        }
        let opened = try run.fixture.teams.map { try run.fixture.journal($0.team.rawValue).read() }
            .flatMap(\.entries).filter { $0.kind == "open" }.count
        #expect(opened == run.receipts)
    }

    @Test func reportIsTheSameWhateverTheFileOrder() throws {
        let run = try Self.run()
        let auditor = try ExerciseAuditor(roster: run.fixture.roster, control: run.fixture.control)
        let forward = auditor.report(run.files)
        let backward = auditor.report(run.files.reversed())
        #expect(forward.text == backward.text)
        #expect(try forward.json() == backward.json())
    }

    @Test func evidenceLoadsIntoTheInventory() throws {
        let run = try Self.run()
        let report = try ExerciseAuditor(roster: run.fixture.roster, control: run.fixture.control).report(run.files)
        let evidence = EvidenceFile(report: report, title: "BlueOLEx 2026: \"drill\"")

        let copy = try TemporaryDirectory(prefix: "inventory-copy")
        let inventoryDirectory = copy.path("Inventory")
        try FileManager.default.copyItem(at: TestPaths.repository("Inventory"), to: inventoryDirectory)
        let before = try #require(try InventoryLoader.load(directory: inventoryDirectory.path).inventory)
        try copy.write("Inventory/evidence/\(evidence.fileName)", evidence.yaml)
        let loaded = try InventoryLoader.load(directory: inventoryDirectory.path)
        #expect(loaded.isValid, "\(loaded.diagnostics)")
        let after = try #require(loaded.inventory)

        for channel in run.channels {
            #expect(before.tool(channel)?.evidence["delivery_rate"]?.value != .number(1.0))
            let values = try #require(after.tool(channel)?.evidence)
            #expect(values["delivery_rate"]?.value == .number(1.0))
            #expect(values["delivered"]?.value == values["sent"]?.value)
            #expect(values["last_tested"]?.value == .date(try #require(CalendarDate("2026-10-07"))))
            #expect(values["sent"]?.source == "exercise:blue-olex-2026")
            #expect(values["sent"]?.confidence == .verified)
            #expect(values["sent"]?.assessed == CalendarDate("2026-10-07"))
        }
        let cerebrate = try #require(after.tool("cerebrate")?.evidence)
        #expect(cerebrate["sent"]?.value == .int(10))
        #expect(cerebrate["median_latency_minutes"]?.value == .number(4.0))
        #expect(cerebrate["p95_latency_minutes"]?.value == .number(10.0))
        #expect(after.tool("misp")?.evidence["sent"]?.value == .int(5))
        #expect(after.tool("signal")?.evidence == before.tool("signal")?.evidence)
    }

    @Test func evidenceFileText() throws {
        let run = try Self.run()
        let report = try ExerciseAuditor(roster: run.fixture.roster, control: run.fixture.control).report(run.files)
        let lines = EvidenceFile(report: report, title: "Drill").yaml.split(separator: "\n").map(String.init)
        #expect(
            lines[1...6] == [
                "exercise: blue-olex-2026", #"title: "Drill""#, "from: 2026-10-06", "until: 2026-10-08",
                "control: exercise-control", "tools:",
            ])
        #expect(
            lines[7...14] == [
                "  - tool: cerebrate", "    last_tested: 2026-10-07", "    sent: 10", "    delivered: 10",
                "    delivery_rate: 1.0", "    median_latency_minutes: 4.0", "    p95_latency_minutes: 10.0",
                "  - tool: intelmq",
            ])
    }
}
