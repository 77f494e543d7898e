// Package ginmw adapts the cognitotenant middleware to gin.
package ginmw
