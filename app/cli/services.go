package cli

// services holds what commands load on first use. Features add their fields
// here in their own files' types to keep Env small.
type services struct{}
