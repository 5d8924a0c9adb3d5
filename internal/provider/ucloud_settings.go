package provider

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

// ucloudSettings is the resolved UCloud configuration: argument, else environment variable, else CLI profile file.
type ucloudSettings struct {
	publicKey, privateKey   string
	region, zone, projectID string
	baseURL                 string
}

func (s ucloudSettings) missing() []setting {
	return unsetSettings([]string{s.publicKey, s.privateKey},
		setting{"ucloud.public_key", envUCloudPublicKey}, setting{"ucloud.private_key", envUCloudPrivateKey})
}

// ucloudCLIProfile holds the fields of the UCloud CLI's config.json and credential.json entries that imagepick uses.
type ucloudCLIProfile struct {
	Profile    string `json:"profile"`
	Active     bool   `json:"active"`
	PublicKey  string `json:"public_key"`
	PrivateKey string `json:"private_key"`
	Region     string `json:"region"`
	Zone       string `json:"zone"`
	ProjectID  string `json:"project_id"`
	BaseURL    string `json:"base_url"`
}

func resolveUCloud(m ucloudModel, env environment) (ucloudSettings, diag.Diagnostics) {
	var diags diag.Diagnostics
	at := func(name string) path.Path { return path.Root("ucloud").AtName(name) }
	s := ucloudSettings{
		publicKey:  env.setting(m.PublicKey, at("public_key"), envUCloudPublicKey, &diags),
		privateKey: env.setting(m.PrivateKey, at("private_key"), envUCloudPrivateKey, &diags),
		region:     env.setting(m.Region, at("region"), envUCloudRegion, &diags),
		zone:       env.setting(m.Zone, at("zone"), envUCloudZone, &diags),
		projectID:  env.setting(m.ProjectID, at("project_id"), envUCloudProjectID, &diags),
		baseURL:    env.setting(m.BaseURL, at("base_url"), envUCloudBaseURL, &diags),
	}
	env.checkBaseURL(m.BaseURL, envUCloudBaseURL, &diags)
	profile := env.setting(m.Profile, at("profile"), envUCloudProfile, &diags)
	credFile := env.setting(m.SharedCredentialsFile, at("shared_credentials_file"), envUCloudSharedCredentialFile, &diags)
	if diags.HasError() {
		return s, diags
	}

	configs, configFile, err := readUCloudCLIFile(env(envUCloudSharedConfigFile), "config.json", env.home())
	if err != nil {
		diags.AddError("Cannot Read UCloud CLI Config", fmt.Sprintf("Fix or remove the file, or unset %s.\n\nError: %s", envUCloudSharedConfigFile, err))
		return s, diags
	}
	creds, credFile, err := readUCloudCLIFile(credFile, "credential.json", env.home())
	if err != nil {
		diags.AddAttributeError(at("shared_credentials_file"), "Cannot Read UCloud Credential File",
			fmt.Sprintf("Check ucloud.shared_credentials_file (or %s): it must name a readable JSON file as written by the UCloud CLI.\n\nError: %s",
				envUCloudSharedCredentialFile, err))
		return s, diags
	}
	if profile != "" {
		// A profile asked for by name must exist, even when the keys come from elsewhere: a typo would
		// otherwise silently fall back to other settings.
		if err := checkProfile(profile, configs, configFile, creds, credFile, s.publicKey != "" && s.privateKey != ""); err != "" {
			diags.AddAttributeError(at("profile"), "UCloud Profile Not Found", err)
			return s, diags
		}
	} else {
		profile = activeProfile(configs)
	}
	cfg, cred := lastProfile(configs, profile), lastProfile(creds, profile)
	fill := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	fill(&s.publicKey, cred.PublicKey)
	fill(&s.privateKey, cred.PrivateKey)
	fill(&s.region, cfg.Region)
	fill(&s.zone, cfg.Zone)
	fill(&s.projectID, cfg.ProjectID)
	fill(&s.baseURL, cfg.BaseURL)
	fill(&s.baseURL, defaultUCloudBaseURL)
	return s, diags
}

// readUCloudCLIFile reads a JSON array of profiles and says which file it read. An unnamed file defaults to
// <home>/.ucloud/<name> and may be absent.
func readUCloudCLIFile(name, defaultName, home string) ([]ucloudCLIProfile, string, error) {
	explicit := name != ""
	if !explicit {
		if home == "" {
			return nil, "~/.ucloud/" + defaultName, nil // no home directory, so no default file
		}
		name = filepath.Join(home, ".ucloud", defaultName)
	} else if rest, ok := strings.CutPrefix(name, "~/"); ok {
		if home == "" {
			return nil, name, errors.New("cannot expand ~: the home directory is not set")
		}
		name = filepath.Join(home, rest)
	}
	raw, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) && !explicit {
		return nil, name, nil
	}
	if err != nil {
		return nil, name, err
	}
	var profiles []ucloudCLIProfile
	if err := json.Unmarshal(raw, &profiles); err != nil {
		return nil, name, fmt.Errorf("%s: %w", name, err)
	}
	return profiles, name, nil
}

// checkProfile explains why a profile named in the configuration cannot be used; "" when it can. The keys must
// come from the credential file unless haveKeys.
func checkProfile(profile string, configs []ucloudCLIProfile, configFile string, creds []ucloudCLIProfile, credFile string, haveKeys bool) string {
	inConfig, inCreds := hasProfile(configs, profile), hasProfile(creds, profile)
	fix := "Check the spelling of ucloud.profile (or " + envUCloudProfile + "), or create the profile with `ucloud init` " +
		"or `ucloud config add`."
	switch {
	case !inConfig && !inCreds:
		return fmt.Sprintf("The UCloud CLI profile %q is in neither %s nor %s. %s", profile, credFile, configFile, fix)
	case !inCreds && !haveKeys:
		return fmt.Sprintf("The UCloud CLI profile %q is in %s but not in %s, which holds its keys. %s",
			profile, configFile, credFile, fix)
	}
	return ""
}

func hasProfile(profiles []ucloudCLIProfile, name string) bool {
	for _, p := range profiles {
		if p.Profile == name {
			return true
		}
	}
	return false
}

func activeProfile(configs []ucloudCLIProfile) string {
	for _, c := range configs {
		if c.Active && c.Profile != "" {
			return c.Profile
		}
	}
	return "default"
}

// lastProfile returns the last entry of the profile, as the UCloud SDK does; the zero value when there is none.
func lastProfile(profiles []ucloudCLIProfile, name string) ucloudCLIProfile {
	var found ucloudCLIProfile
	for _, p := range profiles {
		if p.Profile == name {
			found = p
		}
	}
	return found
}
