/// What checking one file gave control: a verified message, a verified receipt, or the
/// reason it failed.
public struct AuditedFile: Sendable {
    public enum Content: Sendable {
        /// A message that decrypted and verified; `ciphertextSHA256` is of the binary age
        /// file, which is what receipts state.
        case message(ExerciseMessage, ciphertextSHA256: String)
        case receipt(Receipt)
        /// The file failed a check; `channel` when the failure could still be attributed
        /// (a receipt or message that verified but does not fit).
        case failure(ExerciseError, channel: String?)
    }

    public let file: String
    public let content: Content

    public init(file: String, content: Content) {
        self.file = file
        self.content = content
    }
}

/// Matches receipts to messages and computes the figures of an `ExerciseReport`. Pure: the
/// files have already been decrypted and verified (`ExerciseAuditor`).
public enum ReportBuilder {
    public struct Window: Sendable {
        public var exercise: String
        public var from: Timestamp
        public var until: Timestamp
        public var control: String

        public init(exercise: String, from: Timestamp, until: Timestamp, control: String) {
            self.exercise = exercise
            self.from = from
            self.until = until
            self.control = control
        }
    }

    private struct Delivery {
        var message: ExerciseMessage
        var recipient: String
        var receipt: Receipt?
        var latencySeconds: Int64? {
            receipt.map { max(0, $0.received.seconds - message.sent.seconds) }
        }
    }

    /// Builds the report. `clockSkew` is how far a receipt may be dated before its message
    /// (the two teams' clocks differ); such a latency counts as zero.
    public static func build(_ window: Window, files: [AuditedFile], clockSkew: TimeSpan) -> ExerciseReport {
        let ordered = files.sorted { $0.file < $1.file }
        var problems: [ReportProblem] = []
        var messages: [String: (message: ExerciseMessage, hash: String, file: String)] = [:]
        var receipts: [(Receipt, String)] = []
        var counts = FileCounts(read: files.count, messages: 0, receipts: 0, failed: 0)

        for file in ordered {
            switch file.content {
            case .message(let message, let hash):
                counts.messages += 1
                if let seen = messages[message.id] {
                    if seen.hash != hash {
                        problems.append(
                            ReportProblem(
                                kind: ReportProblem.duplicate, file: file.file, channel: message.channel,
                                message: message.id,
                                detail:
                                    "message id \(message.id) was already seen in \(seen.file) with another ciphertext")
                        )
                    }
                    continue
                }
                messages[message.id] = (message, hash, file.file)
            case .receipt(let receipt):
                counts.receipts += 1
                receipts.append((receipt, file.file))
            case .failure(let error, let channel):
                counts.failed += 1
                problems.append(
                    ReportProblem(
                        kind: ReportProblem.kind(of: error), file: file.file, channel: channel, message: nil,
                        detail: error.description))
            }
        }

        var deliveries: [String: Delivery] = [:]
        for (id, seen) in messages {
            for recipient in seen.message.to {
                deliveries[id + " " + recipient] = Delivery(message: seen.message, recipient: recipient)
            }
        }
        for (receipt, file) in receipts {
            guard let seen = messages[receipt.message] else {
                problems.append(
                    mismatch(
                        file, receipt, channel: receipt.channel,
                        "no message with id \(receipt.message) was seen (receipt from \(receipt.from) to \(receipt.to))"
                    ))
                continue
            }
            if let reason = mismatchReason(receipt, seen.message, hash: seen.hash, clockSkew: clockSkew) {
                problems.append(mismatch(file, receipt, channel: seen.message.channel, reason))
                continue
            }
            let key = receipt.message + " " + receipt.from
            guard let existing = deliveries[key]?.receipt else {
                deliveries[key]?.receipt = receipt
                continue
            }
            if existing != receipt {
                problems.append(
                    ReportProblem(
                        kind: ReportProblem.duplicate, file: file, channel: receipt.channel, message: receipt.message,
                        detail: "a second, different receipt from \(receipt.from) for message \(receipt.message)"))
            }
        }
        for delivery in deliveries.values where delivery.receipt == nil {
            problems.append(
                ReportProblem(
                    kind: ReportProblem.noReceipt, file: messages[delivery.message.id]?.file,
                    channel: delivery.message.channel, message: delivery.message.id,
                    detail:
                        "no verified receipt from \(delivery.recipient) for message \(delivery.message.id) from \(delivery.message.from)"
                ))
        }
        problems.sort {
            ($0.file ?? "", $0.message ?? "", $0.kind, $0.detail) < (
                $1.file ?? "", $1.message ?? "", $1.kind, $1.detail
            )
        }

        let all = Array(deliveries.values)
        let channelIDs = Set(all.map(\.message.channel)).union(problems.compactMap(\.channel)).sorted()
        let channels = channelIDs.map { channel in
            figures(
                key: channel, channel: channel, from: nil, to: nil, all.filter { $0.message.channel == channel },
                problems.filter { $0.channel == channel })
        }
        let pairKeys = Set(all.map { PairKey(from: $0.message.from, to: $0.recipient) }).sorted()
        let pairs = pairKeys.map { pair in
            figures(
                key: "\(pair.from) → \(pair.to)", channel: nil, from: pair.from, to: pair.to,
                all.filter { $0.message.from == pair.from && $0.recipient == pair.to }, [])
        }
        let total = figures(key: "all", channel: nil, from: nil, to: nil, all, problems)
        return ExerciseReport(
            exercise: window.exercise, from: window.from, until: window.until, control: window.control,
            files: counts, channels: channels, total: total, pairs: pairs, problems: problems)
    }

    private struct PairKey: Hashable, Comparable {
        let from: String
        let to: String
        static func < (a: PairKey, b: PairKey) -> Bool { (a.from, a.to) < (b.from, b.to) }
    }

    /// Why a verified receipt does not fit the message it names, or nil if it does.
    static func mismatchReason(
        _ receipt: Receipt, _ message: ExerciseMessage, hash: String, clockSkew: TimeSpan
    ) -> String? {
        if receipt.to != message.from {
            return
                "the receipt from \(receipt.from) is addressed to \(receipt.to), but message \(message.id) was sent by \(message.from)"
        }
        if !message.to.contains(receipt.from) {
            return
                "\(receipt.from) sent a receipt for message \(message.id), which was not addressed to it (to: \(message.to.joined(separator: ", ")))"
        }
        if receipt.channel != message.channel {
            return
                "the receipt names channel \(receipt.channel), but message \(message.id) was sent over \(message.channel)"
        }
        if receipt.ciphertextSHA256 != hash {
            return
                "\(receipt.from) received a different ciphertext for message \(message.id) than the one sent (SHA-256 \(receipt.ciphertextSHA256), sent \(hash))"
        }
        if receipt.received < message.sent - clockSkew {
            return
                "the receipt says message \(message.id) was received at \(receipt.received), before it was sent at \(message.sent)"
        }
        return nil
    }

    private static func mismatch(_ file: String, _ receipt: Receipt, channel: String, _ detail: String) -> ReportProblem
    {
        let error = ExerciseError.receiptMismatch(detail)
        return ReportProblem(
            kind: ReportProblem.kind(of: error), file: file, channel: channel, message: receipt.message, detail: detail)
    }

    private static func figures(
        key: String, channel: String?, from: String?, to: String?, _ deliveries: [Delivery],
        _ problems: [ReportProblem]
    ) -> DeliveryFigures {
        let delivered = deliveries.filter { $0.receipt != nil }
        let rate =
            deliveries.isEmpty ? nil : (Double(delivered.count) / Double(deliveries.count) * 10_000).rounded() / 10_000
        return DeliveryFigures(
            key: key, channel: channel, from: from, to: to, sent: deliveries.count, delivered: delivered.count,
            deliveryRate: rate, latency: LatencyStatistics(seconds: delivered.compactMap(\.latencySeconds)),
            lastDelivered: delivered.compactMap(\.receipt?.received).max(),
            failures: Dictionary(grouping: problems, by: \.kind).mapValues(\.count))
    }
}
