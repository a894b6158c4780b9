// The aws-sdk-client-mock matchers (toHaveReceivedCommand, …) for every test file.
import 'aws-sdk-client-mock-vitest/extend';
