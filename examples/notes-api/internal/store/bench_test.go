package store

import (
	"testing"
)

func BenchmarkSQLite(b *testing.B) {
	ctx := b.Context()
	s, err := newSQLite(ctx, b.TempDir()+"/bench.db", defaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	f, err := newFixture(ctx, s)
	if err != nil {
		b.Fatal(err)
	}
	for range 100 {
		if _, err := s.CreateNote(ctx, f.a, "sub-1", sharedContent); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("GetNote", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.GetNote(ctx, f.a, f.noteA.ID); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("ListNotes_page_of_50", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.ListNotes(ctx, f.a, ListOptions{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("UpdateNote", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.UpdateNote(ctx, f.a, f.noteA.ID, "x", 0); err != nil {
				b.Fatal(err)
			}
		}
	})
}
