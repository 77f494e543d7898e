package provision

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	cip "github.com/aws/aws-sdk-go-v2/service/cognitoidentityprovider"
	"github.com/aws/smithy-go/logging"
)

var (
	// ErrNoRegion means no region was given and the AWS SDK found none in
	// AWS_REGION, AWS_DEFAULT_REGION or the shared config profile.
	ErrNoRegion = errors.New("provision: no AWS region configured")
	// ErrNoCredentials means the AWS SDK's default chain found no
	// credentials, or none within the time RequireCredentials allows.
	ErrNoCredentials = errors.New("provision: no AWS credentials found")
)

// emulatorRegion is the region an emulator client signs for when none is
// configured: emulators ignore it, but the SDK will not sign without one.
const emulatorRegion = "us-east-1"

// NewClient returns a Cognito client for region. An empty region is left
// to the AWS SDK, which reads AWS_REGION, AWS_DEFAULT_REGION and then the
// shared config profile (AWS_PROFILE, AWS_CONFIG_FILE); if none names one
// it returns ErrNoRegion. With an endpoint it talks to that emulator
// instead of AWS, falls back to us-east-1 for the region, and, unless
// AWS_ACCESS_KEY_ID is set, signs with placeholder credentials: emulators
// do not check them, and the default chain would otherwise search profiles
// and the instance metadata service for keys that do not exist.
func NewClient(ctx context.Context, region, endpoint string) (*cip.Client, error) {
	// The SDK's own logger writes to stderr past the caller's slog, e.g. a
	// warning for each instance-metadata fallback; errors carry what matters.
	opts := []func(*config.LoadOptions) error{config.WithLogger(logging.Nop{})}
	if region != "" {
		opts = append(opts, config.WithRegion(region))
	}
	if endpoint != "" {
		opts = append(opts, config.WithDefaultRegion(emulatorRegion))
		if os.Getenv("AWS_ACCESS_KEY_ID") == "" {
			opts = append(opts, config.WithCredentialsProvider(
				credentials.NewStaticCredentialsProvider("local", "local", "")))
		}
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("provision: load aws config: %w", err)
	}
	if cfg.Region == "" {
		return nil, ErrNoRegion
	}
	return cip.NewFromConfig(cfg, func(o *cip.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
	}), nil
}

// RequireCredentials retrieves api's credentials once, giving up after
// timeout, and returns ErrNoCredentials, wrapping the SDK's reason, if
// there are none. Calling it before the first request turns the SDK's
// retries against the instance metadata service, seconds long on a machine
// outside AWS, into one prompt error.
func RequireCredentials(ctx context.Context, api *cip.Client,
	timeout time.Duration) error {
	creds := api.Options().Credentials
	if creds == nil {
		return ErrNoCredentials
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if _, err := creds.Retrieve(ctx); err != nil {
		return fmt.Errorf("%w: %w", ErrNoCredentials, err)
	}
	return nil
}
