// Package echomw adapts the cognitotenant middleware to echo v4.
package echomw
