package keeper

// DelistBatchSize is delistBatchSize for the external tests.
const DelistBatchSize = delistBatchSize
