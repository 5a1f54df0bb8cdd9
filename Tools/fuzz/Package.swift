// swift-tools-version:6.0
import PackageDescription

// libFuzzer harnesses for commsmap's parsers (issue 8). A package of its own, so that the
// main build never sees an executable without `main`: libFuzzer supplies it. Built by
// `make fuzz` with `-sanitize=fuzzer,address` (see README.md).
let harnesses = ["fuzz-age", "fuzz-minisign", "fuzz-rule", "fuzz-policy", "fuzz-inventory", "fuzz-exercise"]
let kits: [String: [String]] = [
    "fuzz-age": ["AgeFormat"],
    "fuzz-minisign": ["MinisignFormat"],
    "fuzz-rule": ["AssessmentKit"],
    "fuzz-policy": ["AssessmentKit"],
    "fuzz-inventory": ["InventoryKit"],
    "fuzz-exercise": ["ExerciseKit"],
]

let package = Package(
    name: "commsmap-fuzz",
    products: harnesses.map { .executable(name: $0, targets: [$0]) },
    dependencies: [.package(name: "commsmap", path: "../..")],
    targets: harnesses.map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzDriver"] + (kits[name] ?? []).map { .product(name: $0, package: "commsmap") },
            path: "Sources/\(name)"
        )
    } + [.target(name: "FuzzDriver", path: "Sources/FuzzDriver")]
)
