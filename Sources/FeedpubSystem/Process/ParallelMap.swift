import Dispatch
import Synchronization

/// Maps an array on all cores, keeping the order of its elements.
package enum ParallelMap {
    /// `transform` of each element of `input`, computed in parallel, in input order.
    ///
    /// Work is handed out in small batches from a shared counter, so one slow element (a 2 MB body) does not
    /// leave the other cores idle. `progress`, when given, is called from the workers with the number done.
    package static func map<Input: Sendable, Output: Sendable>(
        _ input: [Input],
        batch: Int = 64,
        progress: (@Sendable (Int) -> Void)? = nil,
        _ transform: @Sendable (Input) -> Output
    ) -> [Output] {
        let count = input.count
        guard count > batch else {
            defer { progress?(count) }
            return input.map(transform)
        }
        let done = BatchCounter()
        let results = ResultSlots<Output>(count: count)
        let next = BatchCounter()
        let workers = min(RunningProcess.processorCount, (count + batch - 1) / batch)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let start = next.take(batch)
                guard start < count else { return }
                let end = min(start + batch, count)
                for index in start..<end {
                    results.set(index, transform(input[index]))
                }
                if let progress { progress(done.take(end - start) + end - start) }
            }
        }
        return results.collect()
    }
}

/// Where parallel workers put results: each slot written once, by one worker, before `collect`.
private final class ResultSlots<Output>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Output?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = UnsafeMutablePointer<Output?>.allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func set(_ index: Int, _ value: Output) {
        slots[index] = value
    }

    func collect() -> [Output] {
        UnsafeBufferPointer(start: slots, count: count).compactMap { $0 }
    }
}

/// A counter handing out batch starts to workers.
private final class BatchCounter: Sendable {
    private let value = Atomic<Int>(0)

    func take(_ amount: Int) -> Int {
        value.wrappingAdd(amount, ordering: .relaxed).oldValue
    }
}
