import Testing

@testable import ExerciseKit

/// The id and name rules of team identities and cards.
@Suite struct TeamIDTests {
    @Test(arguments: ["cert-eu", "a", "0", "cert-de-2", "9lives", String(repeating: "a", count: 64)])
    func validTeamIDs(_ text: String) throws {
        #expect(try TeamID(text).rawValue == text)
    }

    @Test(arguments: [
        "", "-cert", "CERT-EU", "cert_eu", "cert.eu", "cert eu", "cért", "cert/eu", "cert\n",
        String(repeating: "a", count: 65),
    ])
    func invalidTeamIDs(_ text: String) {
        #expect(throws: TeamKeyError.invalidTeamID(text)) { try TeamID(text) }
    }

    @Test(arguments: ["csirts-network", "eu-cyclone", "milcert.net", "net_1"])
    func validNetworkIDs(_ text: String) throws {
        #expect(try NetworkID(text).rawValue == text)
    }

    @Test(arguments: ["", ".net", "Net", "net work", String(repeating: "n", count: 65)])
    func invalidNetworkIDs(_ text: String) {
        #expect(throws: TeamKeyError.invalidNetworkID(text)) { try NetworkID(text) }
    }

    @Test(arguments: ["CERT-EU", "CERT.at", "Bundesamt für Sicherheit", "yes", "1", "a: b", "\"quoted\"", "x#y"])
    func validNames(_ text: String) throws {
        #expect(try TeamName.validated(text) == text)
    }

    @Test(arguments: [
        "", " CERT", "CERT ", "CERT\nEU", "CERT\rEU", "CERT\tEU", "CERT\u{7f}", "CERT\u{85}EU", "CERT\u{2028}EU",
        "CERT\u{202E}UE", "CERT\u{200B}EU", String(repeating: "n", count: 129),
    ])
    func invalidNames(_ text: String) {
        #expect {
            try TeamName.validated(text)
        } throws: { error in
            (error as? TeamKeyError)?.code == "team.invalid-name"
        }
    }

    @Test func idsSortByTheirText() throws {
        let ids = try ["cert-fr", "cert-de", "cert-eu"].map(TeamID.init)
        #expect(ids.sorted().map(\.rawValue) == ["cert-de", "cert-eu", "cert-fr"])
    }

    @Test func errorCodesAreDistinctAndNamespaced() {
        let all: [TeamKeyError] = [
            .invalidTeamID(""), .invalidNetworkID(""), .invalidName(""), .malformedIdentity(line: nil, reason: ""),
            .inconsistentIdentity(""), .notATeamIdentity(""), .wrongPassphrase, .unreadableEncryption(""),
            .malformedCard(line: nil, reason: ""), .unsupportedVersion(what: "", version: ""),
            .fingerprintMismatch(team: "", stated: "", computed: ""), .crypto(""),
        ]
        #expect(Set(all.map(\.code)).count == all.count)
        #expect(all.allSatisfy { $0.code.hasPrefix("team.") })
        #expect(all.allSatisfy { !$0.description.isEmpty && !$0.description.hasSuffix(".") })
    }
}
