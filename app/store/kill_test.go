package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const batch = 50

// TestKillMidWrite starts a child process that writes to a workspace in
// batches of one transaction each, kills it without warning while it writes,
// and checks that the workspace reopens, passes integrity_check and holds
// only whole batches. It repeats so the kill lands at different moments.
func TestKillMidWrite(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	dir := filepath.Join(t.TempDir(), "ws")
	for round := 1; round <= 4; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$")
		cmd.Env = append(os.Environ(), "DOSSIER_KILL_CHILD="+dir)
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		cmd.Stderr = os.Stderr
		require.NoError(t, cmd.Start())
		sc := bufio.NewScanner(out)
		// Wait until the child has committed a few batches in this round, so
		// it is certainly inside a write loop when killed.
		commits := 0
		for commits < round*2 && sc.Scan() {
			if strings.HasPrefix(sc.Text(), "commit") {
				commits++
			}
		}
		require.Equal(t, round*2, commits, "child stopped early")
		require.NoError(t, cmd.Process.Kill())
		_ = cmd.Wait()

		w, err := Open(context.Background(), dir, Options{})
		require.NoError(t, err, "round %d: reopen after kill", round)
		verdict, err := w.IntegrityCheck(context.Background())
		require.NoError(t, err)
		assert.Equal(t, "ok", verdict, "round %d", round)
		var n, hist int
		require.NoError(t, w.db.QueryRow("SELECT COUNT(*) FROM employees").Scan(&n))
		require.NoError(t, w.db.QueryRow("SELECT COUNT(*) FROM history WHERE action='add' AND entity='employee'").Scan(&hist))
		assert.Zero(t, n%batch, "round %d: %d rows is not whole batches", round, n)
		assert.Equal(t, n, hist, "history and data commit together")
		assert.Positive(t, n)
		require.NoError(t, w.Close())
	}
}

// TestKillChild is the child of TestKillMidWrite; on its own it does nothing.
func TestKillChild(t *testing.T) {
	dir := os.Getenv("DOSSIER_KILL_CHILD")
	if dir == "" {
		t.Skip("only run as TestKillMidWrite's child")
	}
	ctx := context.Background()
	w, err := Open(ctx, dir, Options{Create: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	deadline := time.Now().Add(2 * time.Minute) // a safety net if the parent dies
	for i := 0; time.Now().Before(deadline); i++ {
		err := w.Update(ctx, func(tx *Tx) error {
			for j := 0; j < batch; j++ {
				e := Employee{NameCyr: fmt.Sprintf("Сотрудник %d-%d", i, j), PassportNo: fmt.Sprintf("N%d", i*batch+j),
					Citizenship: "UZ", HousingOwners: strings.Repeat("владелец ", 40)}
				if err := tx.SaveEmployee(ctx, &e, today); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		fmt.Println("commit", i)
	}
	os.Exit(0)
}
