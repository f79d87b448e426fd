package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"dossier/app/i18n"
)

// TestWindowBuildKeepsWhatIsNotDossiers: the window's rebuild keeps a
// clerk's signed letter in the package folder, and a folder whose manifest
// is not Dossier's is refused in the clerk's language and left as it was.
func TestWindowBuildKeepsWhatIsNotDossiers(t *testing.T) {
	useTempBundleSetup(t)
	u, w := newTestUI(t)
	skipWelcome(u)
	openDemo(t, u)
	caseID := anyOpenCase(t, u)
	u.caseEd.AfterDocs = func() {}
	wait(t, func(done func()) { u.openCase(caseID, done) })
	root := t.TempDir()
	u.packageRoot = func() string { return root }
	wait(t, func(done func()) { u.locked(func() { u.buildPackage(done); answerPackageFolder(u) }) })
	u.locked(func() { require.NotNil(t, u.lastBuild) })
	dir := u.lastBuild.Dir

	letter := filepath.Join(dir, "письмо с подписью.pdf")
	require.NoError(t, os.WriteFile(letter, []byte("%PDF-1.4 signed"), 0o600))
	u.locked(func() { u.lastBuild = nil })
	wait(t, func(done func()) { u.locked(func() { u.buildPackage(done) }) })
	u.locked(func() { require.NotNil(t, u.lastBuild, "the rebuild finished") })
	got, err := os.ReadFile(letter)
	require.NoError(t, err, "the clerk's letter survives the rebuild")
	assert.Equal(t, "%PDF-1.4 signed", string(got))

	// Someone else's manifest: nothing is replaced, and the message says so.
	manifest := filepath.Join(dir, "manifest.json")
	require.NoError(t, os.WriteFile(manifest, []byte(`{"name": "my web app"}`), 0o600))
	u.locked(func() { u.lastBuild = nil; w.Canvas().Overlays().Top().Hide() })
	wait(t, func(done func()) { u.locked(func() { u.buildPackage(done) }) })

	u.lock.Lock()
	defer u.lock.Unlock()
	assert.Nil(t, u.lastBuild, "no package was built")
	shown := strings.Join(texts(w.Canvas().Overlays().Top()), " ")
	parts := strings.Split(i18n.T(u.lang, "bundle.err.not_package", "\x00", "\x00"), "\x00")
	assert.Contains(t, strings.Join(strings.Fields(shown), " "), strings.Join(strings.Fields(parts[1]), " "))
	assert.NotContains(t, shown, "is not a Dossier package")
	got, err = os.ReadFile(manifest)
	require.NoError(t, err)
	assert.Equal(t, `{"name": "my web app"}`, string(got))
	_, err = os.Stat(letter)
	assert.NoError(t, err)
}
