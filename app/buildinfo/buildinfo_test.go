package buildinfo

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestInitReadsFyneAppToml(t *testing.T) {
	data, err := os.ReadFile("../../FyneApp.toml")
	require.NoError(t, err)
	Init(data)
	assert.NotEqual(t, "dev", Version)
	assert.Regexp(t, `^\d+\.\d+\.\d+`, Version)
	assert.Positive(t, Build)
	assert.Equal(t, "Dossier", Name)
	assert.Contains(t, AppID, ".")

	Init([]byte("[Other]\nVersion = \"9.9.9\"\n[Details]\nBuild = x\n"))
	assert.NotEqual(t, "9.9.9", Version, "keys outside [Details] are ignored")
}
